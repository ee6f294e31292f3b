import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import { AclOperation, AclResource, KafkaAuthorization, KafkaPlatform, PlatformStage } from '../src';
import { STRIMZI_VERSIONS, strimziRelease } from './fixtures';
import { THREE_BY_THREE } from './strimzi/setup';

function files(app: App): string[] {
  app.synth();
  return fs.readdirSync(app.outdir).sort();
}

function read(app: App, file: string): any[] {
  return Yaml.load(path.join(app.outdir, file));
}

describe.each(STRIMZI_VERSIONS)('KafkaPlatform with Strimzi %s', (version) => {
  test('writes the CRDs, then the operator, then the Kafka resources, one numbered file each', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease(version) });
    new ApiObject(platform.ensureStage(PlatformStage.KAFKA), 'marker', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'marker', namespace: 'kafka' } });
    expect(files(app)).toEqual(['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-kafka.k8s.yaml']);

    const crds = read(app, '0000-events-crds.k8s.yaml');
    expect(crds.map(o => o.metadata.name).sort()).toEqual(strimziRelease(version).crdNames);
    const operator = read(app, '0001-events-operator.k8s.yaml');
    expect(operator.map(o => o.kind)[0]).toBe('Namespace');
    expect(operator.map(o => o.kind).slice(-1)).toEqual(['Deployment']);
    expect(fs.readFileSync(path.join(app.outdir, '0001-events-operator.k8s.yaml'), 'utf-8')).not.toContain('myproject');
    expect(operator.find(o => o.kind === 'Deployment').spec.template.spec.containers[0].image).toBe(`quay.io/strimzi/operator:${version}`);
  });
});

describe('KafkaPlatform', () => {
  test('emits only the CRD and operator stages until resources are added', () => {
    const app = Testing.app();
    new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    expect(files(app)).toEqual(['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml']);
  });

  test('the autoscaling stage comes last', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    new ApiObject(platform.ensureStage(PlatformStage.AUTOSCALING), 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    new ApiObject(platform.ensureStage(PlatformStage.KAFKA), 'r', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r' } });
    expect(files(app)).toEqual(['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-kafka.k8s.yaml', '0003-events-autoscaling.k8s.yaml']);
  });

  test('the same declaration gives byte-identical output', () => {
    const outputs = [1, 2].map(() => {
      const app = Testing.app();
      new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease(), watchNamespaces: ['kafka', 'apps'] });
      return files(app).map(f => fs.readFileSync(path.join(app.outdir, f), 'utf-8'));
    });
    expect(outputs[0]).toEqual(outputs[1]);
  });

  test('createNamespace: false leaves the namespace to the user', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease(), createNamespace: false });
    expect(Testing.synth(platform.operatorStage).map(o => o.kind)).not.toContain('Namespace');
  });

  test('CRDs are marked for server-side apply', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease('0.45.0') });
    const crds = Testing.synth(platform.crdStage);
    // Kafka's CRD of 0.45.0 is the largest of the fixtures: ~218 KiB as compact JSON (domain-strimzi.md §6).
    const kafka = crds.find(o => o.metadata.name === 'kafkas.kafka.strimzi.io');
    expect(Buffer.byteLength(JSON.stringify(kafka))).toBeGreaterThan(200_000);
    expect(crds.every(o => o.metadata.annotations['argocd.argoproj.io/sync-options'] === 'ServerSideApply=true')).toBe(true);
  });

  test('an object too large for client-side apply and not marked fails synth', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    new ApiObject(platform.ensureStage(PlatformStage.KAFKA), 'big', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: 'x'.repeat(270_000) } });
    expect(() => app.synth()).toThrow(
      '[events-kafka] ConfigMap "big" (events-kafka/big): 270083 bytes as compact JSON exceed the 262144-byte annotation limit of '
      + 'client-side kubectl apply, and the object is not marked for server-side apply. Add the annotation '
      + 'argocd.argoproj.io/sync-options: ServerSideApply=true and apply it with `kubectl apply --server-side` (or `kubectl create`/`replace`)');
  });

  test('a large object marked for server-side apply passes', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    new ApiObject(platform.ensureStage(PlatformStage.KAFKA), 'big', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      data: { blob: 'x'.repeat(270_000) },
      metadata: { name: 'big', annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,ServerSideApply=true' } },
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('a generated object that outgrows the limit marks itself for server-side apply', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    const kafka = platform.addKafka('events', { ...THREE_BY_THREE, authorization: KafkaAuthorization.simple() });
    const small = kafka.addUser('small', { acls: [{ resource: AclResource.topic('t'), operations: [AclOperation.READ] }] });
    const big = kafka.addUser('big');
    for (let i = 0; i < 3000; i++) {
      big.addAcl({ resource: AclResource.topic(`topic-${String(i).padStart(5, '0')}`), operations: [AclOperation.READ, AclOperation.DESCRIBE] });
    }
    const users = Testing.synth(platform.kafkaStage!).filter(o => o.kind === 'KafkaUser');
    expect(users.map(u => [u.metadata.name, u.metadata.annotations])).toEqual([
      ['small', undefined],
      ['big', { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' }],
    ]);
    expect(Buffer.byteLength(JSON.stringify(users[1]))).toBeGreaterThan(262_144);
    expect(small.name).toBe('small');
  });

  test('a namespace that is not a DNS label is an error', () => {
    expect(() => new KafkaPlatform(Testing.app(), 'events', { namespace: 'Kafka_NS', strimzi: strimziRelease() })).toThrow(
      '[events] namespace: "Kafka_NS" must be a valid Kubernetes name (RFC 1123 label: lowercase letters, digits and \'-\', '
      + 'starting and ending with a letter or digit, at most 63 characters)');
  });

  test('an id that cannot name files is an error', () => {
    expect(() => new KafkaPlatform(Testing.app(), 'Events', { namespace: 'kafka', strimzi: strimziRelease() })).toThrow(
      /^\[Events\] id: "Events" must be a valid Kubernetes name .* because it names the output files \(<id>-crds\.k8s\.yaml, \.\.\.\)$/);
  });

  test('creating it inside a chart is an error that says where to put it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'mine');
    expect(() => new KafkaPlatform(chart, 'events', { namespace: 'kafka', strimzi: strimziRelease() })).toThrow(
      '[mine/events] scope: "mine" is a chart (or inside one). Create the KafkaPlatform in the App: it creates one chart per stage itself');
  });
});
