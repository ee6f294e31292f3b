import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { autoscaling, kedaKafka, one, resources } from './setup';
import { ClusterTriggerAuthentication, KafkaPlatform, ScaleTarget } from '../../src';

function deployment(chart: Chart, name = 'pipeline'): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name },
    containers: [{ image: 'registry.example.com/pipeline:1', securityContext: { user: 1000 } }],
  });
}

describe('consumer Deployment autoscaling (Kafka Streams and other consumers)', () => {
  test('a Deployment in the Kafka namespace gets a ScaledObject with per-topic lag triggers', () => {
    const k = kedaKafka();
    const orders = k.addTopic('orders', { partitions: 12 });
    const payments = k.addTopic('payments', { partitions: 6 });
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'kafka' });
    const scaling = KafkaPlatform.of(k).addConsumerAutoscaling('pipeline', {
      deployment: deployment(apps), consumerGroup: 'streams-pipeline-app', topics: [orders, payments], maxReplicas: 12, lagThreshold: 50,
    });
    const so = one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject', 'pipeline');
    expect(so.metadata.namespace).toBe('kafka');
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'pipeline' });
    expect([so.spec.minReplicaCount, so.spec.maxReplicaCount]).toEqual([1, 12]);
    expect(so.spec.triggers.map((t: any) => [t.name, t.metadata.consumerGroup, t.metadata.topic, t.metadata.lagThreshold])).toEqual([
      ['lag-orders', 'streams-pipeline-app', 'orders', '50'],
      ['lag-payments', 'streams-pipeline-app', 'payments', '50'],
    ]);
    expect(scaling.kafka).toBe(k);
    // A consumer's reset policy is the user's to state; KEDA's default latest is not emitted.
    expect(so.spec.triggers[0].metadata.offsetResetPolicy).toBeUndefined();
    // The HPA owns the replica count: the Deployment no longer states one.
    expect(one(Testing.synth(apps), 'Deployment').spec.replicas).toBeUndefined();
  });

  test('without topics one trigger covers every topic of the group, and the scaler may describe all topics', () => {
    const k = kedaKafka();
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'kafka' });
    KafkaPlatform.of(k).addConsumerAutoscaling('streams', { deployment: deployment(apps), kafka: k, consumerGroup: 'app-id', maxReplicas: 4 });
    const trigger = one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.triggers[0];
    expect([trigger.name, trigger.metadata.topic]).toEqual(['lag', undefined]);
    const acls = one(resources(KafkaPlatform.of(k)), 'KafkaUser', 'events-keda-tls').spec.authorization.acls;
    expect(acls).toContainEqual({ resource: { type: 'topic', name: '*', patternType: 'literal' }, operations: ['Describe'] });
  });

  test('the workload\'s chart is applied before the autoscaling stage', () => {
    const k = kedaKafka();
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'kafka' });
    KafkaPlatform.of(k).addConsumerAutoscaling('p', { deployment: deployment(apps), topics: [k.addTopic('t', { partitions: 3 })], consumerGroup: 'g', maxReplicas: 3 });
    const app = KafkaPlatform.of(k).node.root as any;
    app.synth();
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['0000-p-crds.k8s.yaml', '0001-p-operator.k8s.yaml', '0002-p-kafka.k8s.yaml', '0003-apps.k8s.yaml', '0004-p-autoscaling.k8s.yaml']);
    expect(fs.readFileSync(path.join(app.outdir, '0004-p-autoscaling.k8s.yaml'), 'utf-8')).toContain('kind: ScaledObject');
  });

  test('a workload outside the Kafka namespace cannot read the cluster\'s Secrets: an error that says what to do', () => {
    const k = kedaKafka();
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'apps' });
    expect(() => KafkaPlatform.of(k).addConsumerAutoscaling('p', { deployment: deployment(apps), kafka: k, consumerGroup: 'g', maxReplicas: 3 })).toThrow(
      '[p-autoscaling/p] namespace: "apps" differs from the Kafka cluster\'s namespace (kafka), where its CA and user Secrets are; '
      + 'a TriggerAuthentication can only read Secrets of the ScaledObject\'s namespace. Run the workload in the Kafka namespace, '
      + 'or pass authentication (a TriggerAuthentication in its namespace or a ClusterTriggerAuthentication)');
  });

  test('...with its own ClusterTriggerAuthentication, or through a listener without TLS, it works', () => {
    const k = kedaKafka();
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'apps' });
    KafkaPlatform.of(k).addConsumerAutoscaling('own', {
      deployment: deployment(apps, 'a'), kafka: k, consumerGroup: 'g', maxReplicas: 3, authentication: ClusterTriggerAuthentication.fromName('kafka-scaler'),
    });
    KafkaPlatform.of(k).addConsumerAutoscaling('plain', { deployment: deployment(apps, 'b'), kafka: k, listener: 'plain', consumerGroup: 'g2', maxReplicas: 3 });
    const [own, plain] = autoscaling(KafkaPlatform.of(k)).filter(o => o.kind === 'ScaledObject');
    expect(own.spec.triggers[0].authenticationRef).toEqual({ kind: 'ClusterTriggerAuthentication', name: 'kafka-scaler' });
    expect(plain.spec.triggers[0].authenticationRef).toBeUndefined();
    expect(plain.spec.triggers[0].metadata).toEqual({ bootstrapServers: 'events-kafka-bootstrap.kafka.svc:9092', consumerGroup: 'g2', lagThreshold: '10', version: '2.1.0' });
  });

  test('a SCRAM listener: sasl in metadata, password from the user Secret, username from a ConfigMap (the Secret has none)', () => {
    const k = kedaKafka();
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'kafka' });
    KafkaPlatform.of(k).addConsumerAutoscaling('p', { deployment: deployment(apps), kafka: k, listener: 'scram', consumerGroup: 'g', maxReplicas: 3 });
    const objects = autoscaling(KafkaPlatform.of(k));
    expect(one(objects, 'ScaledObject').spec.triggers[0].metadata).toMatchObject({
      bootstrapServers: 'events-kafka-scram-bootstrap.kafka.svc:9094', sasl: 'scram_sha512', tls: 'enable',
    });
    expect(one(objects, 'ConfigMap')).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'events-keda-scram-username', namespace: 'kafka' }, data: { username: 'events-keda-scram' },
    });
    expect(one(objects, 'TriggerAuthentication').spec).toEqual({
      secretTargetRef: [
        { parameter: 'ca', name: 'events-cluster-ca-cert', key: 'ca.crt' },
        { parameter: 'password', name: 'events-keda-scram', key: 'password' },
      ],
      configMapTargetRef: [{ parameter: 'username', name: 'events-keda-scram-username', key: 'username' }],
    });
  });

  test('any scalable workload can be the target', () => {
    const k = kedaKafka();
    KafkaPlatform.of(k).addConsumerAutoscaling('sts', {
      target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'consumer', namespace: 'kafka' }), kafka: k, consumerGroup: 'g', maxReplicas: 3,
    });
    expect(one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'consumer' });
  });

  // kedacore/keda pkg/scaling/executor/scale_scaledobjects.go: the cooldowns apply only on the way to 0
  // or to idleReplicaCount.
  test('cooldownPeriod is refused unless the workload may scale to zero', () => {
    const k = kedaKafka();
    const target = ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'consumer', namespace: 'kafka' });
    expect(() => KafkaPlatform.of(k).addConsumerAutoscaling('p', { target, kafka: k, consumerGroup: 'g', maxReplicas: 3, cooldownPeriod: Duration.minutes(2) })).toThrow(
      '[p-autoscaling/p] cooldownPeriod: "120s" has no effect with minReplicas 1: KEDA waits it only before scaling to 0 or to idleReplicas, and the HPA does every other '
      + 'scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go). Slow down scale-in with behavior.scaleDown (stabilizationWindow, policies), or set minReplicas: 0');
    KafkaPlatform.of(k).addConsumerAutoscaling('q', { target, kafka: k, consumerGroup: 'g', minReplicas: 0, maxReplicas: 3, cooldownPeriod: Duration.minutes(2) });
    const so = one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject');
    expect([so.spec.minReplicaCount, so.spec.cooldownPeriod, so.spec.advanced]).toEqual([0, 120, undefined]);
  });

  test('a maximum above the largest topic\'s partitions is an error', () => {
    const k = kedaKafka();
    const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'kafka' });
    KafkaPlatform.of(k).addConsumerAutoscaling('p', { deployment: deployment(apps), topics: [k.addTopic('t', { partitions: 3 }), k.addTopic('u', { partitions: 5 })], consumerGroup: 'g', maxReplicas: 6 });
    expect(() => autoscaling(KafkaPlatform.of(k))).toThrow(
      '[p-autoscaling/p] maxReplicas: 6 exceeds the 5 partition(s) of the largest topic of consumer group g; KEDA caps the lag metric at the partition count');
  });

  test.each([
    [{ consumerGroup: 'g', maxReplicas: 3 }, 'deployment: (not set) and target: give exactly one of them'],
    [{ target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }), consumerGroup: 'g', maxReplicas: 3 }, 'target: "x" has no namespace; KEDA needs the ScaledObject in the workload\'s namespace'],
    [{ target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'kafka' }), consumerGroup: 'g', maxReplicas: 3 }, 'kafka: (not set) is needed when no declared KafkaTopic names the cluster'],
    [{ target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'kafka' }), consumerGroup: 'g', topics: ['a', 'a'], maxReplicas: 3, useKafka: true }, 'topics: ["a","a"] lists a more than once'],
  ])('%j is an error', (options, message) => {
    const k = kedaKafka();
    const { useKafka, ...rest } = options as any;
    expect(() => KafkaPlatform.of(k).addConsumerAutoscaling('p', { ...rest, ...(useKafka ? { kafka: k } : {}) })).toThrow(`[p-autoscaling/p] ${message}`);
  });
});
