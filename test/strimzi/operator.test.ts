import * as fs from 'fs';
import * as path from 'path';
import { JsonPatch, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { OperatorLogLevel, StrimziOperator, StrimziOperatorProps, StrimziRelease } from '../../src';
import { scratchDir, STRIMZI_VERSIONS, strimziInstallDir, strimziRelease, upstreamObjects } from '../fixtures';
import { jsonDiff } from '../json-diff';

function synth(props: Partial<StrimziOperatorProps> = {}, version = '1.2.0'): any[] {
  return synthWith(strimziRelease(version), props);
}

function synthWith(release: StrimziRelease, props: Partial<StrimziOperatorProps>): any[] {
  const chart = Testing.chart();
  new StrimziOperator(chart, 'operator', { release, namespace: 'kafka', ...props });
  return Testing.synth(chart);
}

function deployment(objects: any[]): any {
  return objects.find(o => o.kind === 'Deployment');
}

function env(objects: any[], name: string): any {
  return deployment(objects).spec.template.spec.containers[0].env.find((e: any) => e.name === name);
}

function ids(objects: any[]): string[] {
  return objects.map(o => `${o.kind}/${o.metadata.name}${o.metadata.namespace ? `@${o.metadata.namespace}` : ''}`);
}

describe.each(STRIMZI_VERSIONS)('Strimzi %s operator install', (version) => {
  const upstream = upstreamObjects(version);
  const objects = synth({}, version);

  test('is the complete upstream install: every non-CRD object once', () => {
    const expected = [...upstream.values()].filter(o => o.kind !== 'CustomResourceDefinition').map(o => `${o.kind}/${o.metadata.name}`);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual(expected.sort());
  });

  test('only namespaces change: namespaced objects get one, binding subjects point at it', () => {
    for (const obj of objects) {
      const diff = jsonDiff(upstream.get(`${obj.kind}/${obj.metadata.name}`), obj);
      const expected = obj.kind.startsWith('Cluster') ? [] : ['+/metadata/namespace'];
      (obj.subjects ?? []).forEach((_: any, i: number) => expected.push(`~/subjects/${i}/namespace`));
      expect({ object: `${obj.kind}/${obj.metadata.name}`, diff }).toEqual({ object: `${obj.kind}/${obj.metadata.name}`, diff: expected });
    }
  });

  test('leaves no myproject placeholder anywhere', () => {
    expect(Yaml.stringify(...objects)).not.toContain('myproject');
    expect(objects.filter(o => !o.kind.startsWith('Cluster')).map(o => o.metadata.namespace)).toEqual(
      objects.filter(o => !o.kind.startsWith('Cluster')).map(() => 'kafka'));
  });

  test('puts the ServiceAccount and RBAC before the ConfigMap and the Deployment', () => {
    const kinds = objects.map(o => o.kind);
    expect(kinds[0]).toBe('ServiceAccount');
    expect(kinds.slice(-2)).toEqual(['ConfigMap', 'Deployment']);
    expect(kinds.lastIndexOf('ClusterRole')).toBeLessThan(kinds.indexOf('ClusterRoleBinding'));
    expect(kinds.lastIndexOf('ClusterRoleBinding')).toBeLessThan(kinds.indexOf('RoleBinding'));
  });
});

describe('watchNamespaces', () => {
  test('a list sets STRIMZI_NAMESPACE and adds the 020, 023 and 031 RoleBindings in each other namespace', () => {
    const objects = synth({ watchNamespaces: ['kafka', 'apps', 'streams'] });
    expect(env(objects, 'STRIMZI_NAMESPACE')).toEqual({ name: 'STRIMZI_NAMESPACE', value: 'kafka,apps,streams' });
    const bindings = objects.filter(o => o.kind === 'RoleBinding');
    expect(ids(bindings)).toEqual([
      'RoleBinding/strimzi-cluster-operator@kafka',
      'RoleBinding/strimzi-cluster-operator-leader-election@kafka',
      'RoleBinding/strimzi-cluster-operator-watched@kafka',
      'RoleBinding/strimzi-cluster-operator-entity-operator-delegation@kafka',
      'RoleBinding/strimzi-cluster-operator@apps',
      'RoleBinding/strimzi-cluster-operator@streams',
      'RoleBinding/strimzi-cluster-operator-watched@apps',
      'RoleBinding/strimzi-cluster-operator-watched@streams',
      'RoleBinding/strimzi-cluster-operator-entity-operator-delegation@apps',
      'RoleBinding/strimzi-cluster-operator-entity-operator-delegation@streams',
    ]);
    for (const b of bindings) {
      expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'strimzi-cluster-operator', namespace: 'kafka' }]);
    }
    expect(bindings.filter(b => b.metadata.namespace === 'apps').map(b => b.roleRef.name)).toEqual(
      ['strimzi-cluster-operator-namespaced', 'strimzi-cluster-operator-watched', 'strimzi-entity-operator']);
  });

  test('[\'*\'] watches all namespaces through the three cluster-wide bindings the Strimzi docs name', () => {
    const objects = synth({ watchNamespaces: ['*'] }, '0.41.0');
    expect(env(objects, 'STRIMZI_NAMESPACE')).toEqual({ name: 'STRIMZI_NAMESPACE', value: '*' });
    const added = objects.filter(o => o.kind === 'ClusterRoleBinding')
      .filter(o => ['strimzi-cluster-operator-namespaced', 'strimzi-cluster-operator-watched', 'strimzi-cluster-operator-entity-operator-delegation'].includes(o.metadata.name));
    expect(added.map(o => [o.metadata.name, o.roleRef.name, o.metadata.namespace])).toEqual([
      ['strimzi-cluster-operator-namespaced', 'strimzi-cluster-operator-namespaced', undefined],
      ['strimzi-cluster-operator-watched', 'strimzi-cluster-operator-watched', undefined],
      ['strimzi-cluster-operator-entity-operator-delegation', 'strimzi-entity-operator', undefined],
    ]);
    expect(added.every(o => o.subjects[0].namespace === 'kafka')).toBe(true);
  });

  test('by default the operator watches its own namespace through the downward API', () => {
    expect(env(synth(), 'STRIMZI_NAMESPACE')).toEqual({ name: 'STRIMZI_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
  });

  test.each([
    [[], 'watchNamespaces: [] must not be empty. Leave it unset to watch only the operator namespace, or use [\'*\'] for all namespaces'],
    [['*', 'apps'], 'watchNamespaces: ["*","apps"] mixes \'*\' with namespace names. Use [\'*\'] alone to watch all namespaces, or list the namespaces'],
    [['Apps'], 'watchNamespaces: "Apps" must be a valid Kubernetes name (RFC 1123 label'],
    [['apps', 'apps'], 'watchNamespaces: ["apps","apps"] lists apps more than once'],
  ])('%j is an error', (watchNamespaces, message) => {
    expect(() => synth({ watchNamespaces })).toThrow(`[test/operator] ${message}`);
  });
});

describe('operator overrides', () => {
  test('imageRegistry points every Strimzi image at a mirror', () => {
    const objects = synth({ imageRegistry: 'registry.example.com/mirror/strimzi' });
    const container = deployment(objects).spec.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/mirror/strimzi/operator:1.2.0');
    const images = container.env.filter((e: any) => typeof e.value === 'string' && /IMAGE|BUILDER/.test(e.name)).map((e: any) => e.value).join('\n');
    expect(images).not.toContain('quay.io');
    expect(env(objects, 'STRIMZI_KAFKA_IMAGES').value).toContain('4.3.1=registry.example.com/mirror/strimzi/kafka:1.2.0-kafka-4.3.1');
    expect(env(objects, 'STRIMZI_DEFAULT_KAFKA_BRIDGE_IMAGE').value).toBe('registry.example.com/mirror/strimzi/kafka-bridge:1.1.0');
  });

  test('imageTag may add a suffix to the release version', () => {
    const objects = synth({ imageTag: '1.2.0-fips' });
    expect(deployment(objects).spec.template.spec.containers[0].image).toBe('quay.io/strimzi/operator:1.2.0-fips');
    expect(env(objects, 'STRIMZI_DEFAULT_USER_OPERATOR_IMAGE').value).toBe('quay.io/strimzi/operator:1.2.0-fips');
  });

  // Issue 11: with a digest on the operator image, imageTag changed every image but that one (the
  // runtime pulls by digest), so the operator ran 1.2.0 and its helpers 1.2.0-fips.
  test('imageTag drops the digest that pinned the release\'s own tag, so every operator image is the same', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const tmp = scratchDir();
    try {
      const file = path.join(tmp, 'strimzi-cluster-operator-1.2.0.yaml');
      const dir = strimziInstallDir('1.2.0');
      fs.writeFileSync(file, fs.readdirSync(dir).sort().map(f => fs.readFileSync(path.join(dir, f), 'utf-8')
        .replace('image: quay.io/strimzi/operator:1.2.0', `image: quay.io/strimzi/operator:1.2.0@${digest}`)).join('---\n'));
      const release = StrimziRelease.fromFile(file);
      const pinned = synthWith(release, { imageRegistry: 'mirror.example.com/strimzi' });
      expect(deployment(pinned).spec.template.spec.containers[0].image).toBe(`mirror.example.com/strimzi/operator:1.2.0@${digest}`);
      const fips = synthWith(release, { imageRegistry: 'mirror.example.com/strimzi', imageTag: '1.2.0-fips' });
      expect(deployment(fips).spec.template.spec.containers[0].image).toBe('mirror.example.com/strimzi/operator:1.2.0-fips');
      expect(env(fips, 'STRIMZI_DEFAULT_USER_OPERATOR_IMAGE').value).toBe('mirror.example.com/strimzi/operator:1.2.0-fips');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('an imageTag of another release is an error: the operator and the CRDs never mix releases', () => {
    expect(() => synth({ imageTag: '1.1.0' })).toThrow(
      '[test/operator] imageTag: "1.1.0" must name the release of the CRDs (1.2.0), optionally with a suffix. '
      + 'The operator and the CRDs always come from one StrimziRelease; to change the version, read another release');
    expect(() => synth({ imageTag: 'latest' })).toThrow(/imageTag: "latest" must name the release of the CRDs/);
  });

  test('an imageRegistry with a scheme is an error', () => {
    expect(() => synth({ imageRegistry: 'https://registry.example.com/' })).toThrow(
      '[test/operator] imageRegistry: "https://registry.example.com/" must be a registry host and path without scheme or trailing \'/\'');
  });

  test('feature gates, log level and resources', () => {
    const objects = synth({
      featureGates: ['+UseConnectBuildWithBuildah', '-ServerSideApplyPhase1'],
      logLevel: OperatorLogLevel.DEBUG,
      resources: { cpu: { limit: kplus.Cpu.millis(2000) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(1024) } },
    });
    expect(env(objects, 'STRIMZI_FEATURE_GATES').value).toBe('+UseConnectBuildWithBuildah,-ServerSideApplyPhase1');
    expect(env(objects, 'STRIMZI_LOG_LEVEL').value).toBe('DEBUG');
    expect(deployment(objects).spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '200m', memory: '512Mi' },
      limits: { cpu: '2000m', memory: '1Gi' },
    });
  });

  test.each([
    [['UseKRaft'], 'featureGates: "UseKRaft" must be +Name to enable or -Name to disable a feature gate'],
    [['+A', '-A'], 'featureGates: ["+A","-A"] names A more than once'],
  ])('feature gates %j are an error', (featureGates, message) => {
    expect(() => synth({ featureGates })).toThrow(message);
  });

  test('the Deployment is exposed for JSON patches', () => {
    const chart = Testing.chart();
    const op = new StrimziOperator(chart, 'operator', { release: strimziRelease(), namespace: 'kafka' });
    op.deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', 2));
    expect(deployment(Testing.synth(chart)).spec.replicas).toBe(2);
  });
});

test('the operator Deployment of the newest release (snapshot)', () => {
  expect(deployment(synth({ watchNamespaces: ['kafka', 'apps'] }))).toMatchSnapshot();
});
