import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Kafka, KafkaOffsetResetPolicy, KafkaPlatform, ScalerTrigger } from '../../src';
import { strimziRelease } from '../fixtures';
import { autoscaling, kedaKafka, one, resources } from './setup';
import { THREE_BY_THREE } from '../strimzi/setup';

describe('Connect worker autoscaling', () => {
  test('targets the KafkaConnect with one lag trigger per sink connector, wired to the listener', () => {
    const k = kedaKafka();
    const orders = k.addTopic('orders', { partitions: 12 });
    const payments = k.addTopic('payments', { partitions: 6 });
    const connect = k.addConnect('sinks', { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 6, lagThreshold: 500 } });
    connect.addConnector('to-s3', { className: 'io.example.S3Sink', topics: [orders], tasksMax: 4 });
    connect.addConnector('to-db', { className: 'io.example.JdbcSink', topics: [orders, payments], tasksMax: 2 });
    connect.addConnector('from-db', { className: 'io.example.JdbcSource' });

    const objects = autoscaling(KafkaPlatform.of(k));
    const so = one(objects, 'ScaledObject', 'sinks-workers');
    const auth = one(objects, 'TriggerAuthentication');
    expect(so.metadata.namespace).toBe('kafka');
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnect', name: 'sinks' });
    expect([so.spec.minReplicaCount, so.spec.maxReplicaCount, so.spec.cooldownPeriod]).toEqual([2, 6, undefined]);
    // A sink consumer starts at earliest (apache/kafka Worker.java, baseConsumerConfigs): KEDA counts so too.
    const common = { bootstrapServers: 'events-kafka-bootstrap.kafka.svc:9093', lagThreshold: '500', offsetResetPolicy: 'earliest', tls: 'enable', version: '2.1.0' };
    expect(so.spec.triggers).toEqual([
      { type: 'kafka', name: 'lag-to-s3', metadata: { ...common, consumerGroup: 'connect-to-s3', topic: 'orders' }, authenticationRef: { name: auth.metadata.name, kind: 'TriggerAuthentication' } },
      // Two topics: no `topic`, so KEDA sums the group's lag over both.
      { type: 'kafka', name: 'lag-to-db', metadata: { ...common, consumerGroup: 'connect-to-db' }, authenticationRef: { name: auth.metadata.name, kind: 'TriggerAuthentication' } },
    ]);
    expect(KafkaPlatform.of(connect).scaledObjectOf(connect)?.name).toBe('sinks-workers');
  });

  test('on Strimzi before 0.49 the target uses kafka.strimzi.io/v1beta2', () => {
    const k = kedaKafka({}, {}, '0.45.0');
    k.addConnect('c', { autoscaling: { maxReplicas: 3 } }).addConnector('x', { className: 'a.B', tasksMax: 3, topics: [k.addTopic('t', { partitions: 3 })] });
    expect(one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.scaleTargetRef.apiVersion).toBe('kafka.strimzi.io/v1beta2');
  });

  // KEDA's kafka scaler speaks 1.0.0 unless told otherwise (kedacore/keda pkg/scalers/kafka_scaler.go);
  // Kafka 4 dropped the client API versions released before 2.1 (KIP-896, apache/kafka 3.9
  // docs/upgrade.html). KEDA's own e2e test (tests/scalers/kafka/kafka_test.go) runs Kafka 4.0.0 without
  // version, so 2.1.0 is a margin for 4.x brokers, and 3.x brokers keep KEDA's default.
  test('a Kafka 3.x cluster keeps KEDA\'s default protocol version; 4.x brokers get 2.1.0', () => {
    const version = (strimzi: string) => {
      const k = kedaKafka({}, {}, strimzi);
      k.addConnect('c', { autoscaling: { maxReplicas: 3 } }).addConnector('x', { className: 'a.B', tasksMax: 3, topics: ['t'] });
      return one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.triggers[0].metadata.version;
    };
    expect(version('0.45.0')).toBeUndefined();
    expect(version('1.2.0')).toBe('2.1.0');
  });

  // With KEDA's default `latest` an uncommitted partition counts as lag 1 (kedacore/keda
  // pkg/scalers/kafka_scaler.go, getLagForPartition), so a new connector's backlog was invisible. Kafka
  // Connect's sink consumer starts at earliest, then the worker's consumer.auto.offset.reset, then the
  // connector's consumer.override.auto.offset.reset (apache/kafka 3.9 Worker.java, baseConsumerConfigs).
  test('each sink trigger follows its connector\'s auto.offset.reset', () => {
    const policies = (connectConfig: any, options: any = {}) => {
      const k = kedaKafka();
      const t = k.addTopic('t', { partitions: 6 });
      const connect = k.addConnect('c', { config: connectConfig, autoscaling: { maxReplicas: 3, ...options } });
      connect.addConnector('plain', { className: 'a.B', tasksMax: 3, topics: [t] });
      connect.addConnector('latest', { className: 'a.B', tasksMax: 3, topics: [t], config: { 'consumer.override.auto.offset.reset': 'latest' } });
      return one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.triggers.map((tr: any) => tr.metadata.offsetResetPolicy);
    };
    expect(policies(undefined)).toEqual(['earliest', 'latest']);
    expect(policies({ 'consumer.auto.offset.reset': 'latest' })).toEqual(['latest', 'latest']);
    expect(() => policies(undefined, { offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST })).toThrow(
      '[p-kafka/events/c] autoscaling.offsetResetPolicy: "earliest" contradicts auto.offset.reset latest of the sink consumer of KafkaConnector latest '
      + '(config["consumer.override.auto.offset.reset"] of KafkaConnector latest), so KEDA would count partitions without a committed offset differently '
      + 'from how the tasks read them. Leave offsetResetPolicy unset: it follows the connector');
    expect(() => policies({ 'consumer.auto.offset.reset': 'none' })).toThrow(
      '[p-kafka/events/c] autoscaling.offsetResetPolicy: (not set) must be set, because the sink consumer of KafkaConnector plain has auto.offset.reset "none" '
      + '(config["consumer.auto.offset.reset"] of KafkaConnect c), which KEDA\'s offsetResetPolicy (latest or earliest) cannot follow. '
      + 'Set offsetResetPolicy to how KEDA should count a partition without a committed offset');
    expect(policies({ 'consumer.auto.offset.reset': 'none' }, { offsetResetPolicy: KafkaOffsetResetPolicy.LATEST })).toEqual(['latest', 'latest']);
  });

  // A departed worker's tasks stay unassigned for up to scheduled.rebalance.max.delay.ms (apache/kafka
  // 3.9 DistributedConfig.java, default 300000; IncrementalCooperativeAssignor.handleLostAssignments),
  // and KEDA copies the behavior into the HPA (kedacore/keda controllers/keda/hpa.go).
  test('workers get a slow default HPA behavior, per direction, unless the user gives one', () => {
    const behaviorOf = (behavior?: any) => {
      const k = kedaKafka();
      const connect = k.addConnect('c', { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 3, behavior } });
      connect.addConnector('x', { className: 'a.B', tasksMax: 3, topics: [k.addTopic('t', { partitions: 3 })] });
      return one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.advanced.horizontalPodAutoscalerConfig.behavior;
    };
    const scaleDown = { stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }] };
    const scaleUp = { stabilizationWindowSeconds: 60, policies: [{ type: 'Percent', value: 100, periodSeconds: 60 }] };
    expect(behaviorOf()).toEqual({ scaleUp, scaleDown });
    expect(behaviorOf({ scaleDown: { stabilizationWindow: Duration.minutes(30) } }))
      .toEqual({ scaleUp, scaleDown: { stabilizationWindowSeconds: 1800 } });
    // {} is Kubernetes' default for that direction.
    expect(behaviorOf({ scaleUp: {} })).toEqual({ scaleUp: {}, scaleDown });
  });

  // kedacore/keda pkg/scaling/executor/scale_scaledobjects.go: the cooldowns apply only on the way to 0
  // or to idleReplicaCount, and workers have no idle count.
  test('cooldownPeriod is refused unless the workers may scale to zero', () => {
    const k = kedaKafka();
    expect(() => k.addConnect('c', { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 6, cooldownPeriod: Duration.minutes(10) } })).toThrow(
      '[p-kafka/events/c] autoscaling.cooldownPeriod: "600s" has no effect with autoscaling.minReplicas 2: KEDA waits it only before scaling to 0 or to idleReplicas, '
      + 'and the HPA does every other scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go). '
      + 'Slow down scale-in with autoscaling.behavior.scaleDown (stabilizationWindow, policies), or set autoscaling.minReplicas: 0');
    expect(() => kedaKafka().addConnect('c', { autoscaling: { maxReplicas: 3, initialCooldownPeriod: Duration.minutes(1) } })).toThrow(
      '[p-kafka/events/c] autoscaling.initialCooldownPeriod: "60s" has no effect with autoscaling.minReplicas 1');

    const zero = kedaKafka();
    zero.addConnect('c', { replicas: 0, autoscaling: { minReplicas: 0, maxReplicas: 3, cooldownPeriod: Duration.minutes(10), initialCooldownPeriod: Duration.minutes(2) } })
      .addConnector('x', { className: 'a.B', tasksMax: 3, topics: [zero.addTopic('t', { partitions: 3 })] });
    expect(one(autoscaling(KafkaPlatform.of(zero)), 'ScaledObject').spec).toMatchObject({ minReplicaCount: 0, cooldownPeriod: 600, initialCooldownPeriod: 120 });
  });

  test('a maximum above the partitions of the largest sink is an error, unless idle consumers are allowed', () => {
    const k = kedaKafka();
    const t = k.addTopic('t', { partitions: 4 });
    k.addConnect('c', { autoscaling: { maxReplicas: 8 } }).addConnector('x', { className: 'a.B', tasksMax: 8, topics: [t] });
    expect(() => autoscaling(KafkaPlatform.of(k))).toThrow(
      '[p-autoscaling/kafka-c-workers] autoscaling.maxReplicas: 8 exceeds the 4 partition(s) of the largest sink connector\'s topics of KafkaConnect c; '
      + 'KEDA caps the lag metric at the partition count, and consumers beyond it would idle. Lower autoscaling.maxReplicas to 4, add partitions, or set allowIdleConsumers: true');

    const idle = kedaKafka();
    idle.addConnect('c', { autoscaling: { maxReplicas: 8, allowIdleConsumers: true } })
      .addConnector('x', { className: 'a.B', tasksMax: 8, topics: [idle.addTopic('t', { partitions: 4 })] });
    expect(one(autoscaling(KafkaPlatform.of(idle)), 'ScaledObject').spec.triggers[0].metadata.allowIdleConsumers).toBe('true');
  });

  // A worker runs tasks: the most a connector has is maxTasks when autoscaled, else tasksMax, else
  // Kafka Connect's tasks.max default 1 (apache/kafka ConnectorConfig.java TASKS_MAX_DEFAULT; Strimzi
  // sends tasks.max only when tasksMax is set, AbstractConnectOperator.java). Source tasks count too.
  test('a maximum above the tasks of all connectors is an error, naming the bound that applies', () => {
    const workers = (maxReplicas: number, options: any = {}) => {
      const k = kedaKafka();
      const connect = k.addConnect('c', { autoscaling: { maxReplicas, ...options } });
      connect.addConnector('sink', { className: 'a.Sink', topics: [k.addTopic('t', { partitions: 12 })], tasksMax: 2 });
      connect.addConnector('scaled', { className: 'a.Sink', topics: [k.addTopic('u', { partitions: 6 })], autoscaling: { maxTasks: 4 } });
      connect.addConnector('source', { className: 'a.Source' });
      return () => autoscaling(KafkaPlatform.of(k));
    };
    // 2 + 4 (maxTasks, not the starting tasksMax 1) + 1 (unset) = 7 tasks; 12 partitions.
    expect(workers(7)).not.toThrow();
    expect(workers(8)).toThrow('[p-autoscaling/kafka-c-workers] autoscaling.maxReplicas: 8 exceeds the 7 task(s) that the 3 connector(s) of KafkaConnect c can run '
      + '(the sum of their tasksMax, of maxTasks where the tasks are autoscaled, and 1 where tasksMax is unset: Kafka Connect\'s tasks.max default); '
      + 'a worker runs tasks, so workers beyond them would idle. Lower autoscaling.maxReplicas to 7, or raise the connectors\' tasksMax or maxTasks');
    // Idle consumers allowed: the partitions no longer cap, the tasks still do.
    expect(workers(13, { allowIdleConsumers: true })).toThrow('autoscaling.maxReplicas: 13 exceeds the 7 task(s)');

    // Fewer partitions than tasks: the partition bound is the one that applies.
    const k = kedaKafka();
    const connect = k.addConnect('c', { autoscaling: { maxReplicas: 5 } });
    connect.addConnector('sink', { className: 'a.Sink', topics: [k.addTopic('t', { partitions: 3 })], tasksMax: 10 });
    expect(() => autoscaling(KafkaPlatform.of(k))).toThrow('autoscaling.maxReplicas: 5 exceeds the 3 partition(s) of the largest sink connector\'s topics');
  });

  test('a Connect cluster without sink connectors has nothing to scale on', () => {
    const k = kedaKafka();
    k.addConnect('c', { autoscaling: { maxReplicas: 3 } }).addConnector('src', { className: 'a.Source' });
    expect(() => autoscaling(KafkaPlatform.of(k))).toThrow(
      'autoscaling: "KafkaConnect c" scales workers on the lag of sink connectors, but the Connect cluster has none. Add a connector with topics, or triggers');
  });

  test('extra triggers count as well', () => {
    const k = kedaKafka();
    k.addConnect('c', {
      autoscaling: {
        maxReplicas: 3,
        triggers: [ScalerTrigger.prometheus({ serverAddress: 'http://prometheus.monitoring.svc:9090', query: 'sum(rate(x[1m]))', threshold: 10 })],
      },
    });
    expect(one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.triggers.map((t: any) => t.type)).toEqual(['prometheus']);
  });

  test('replicas outside the range are an error', () => {
    expect(() => kedaKafka().addConnect('c', { replicas: 3, autoscaling: { minReplicas: 1, maxReplicas: 2 } })).toThrow(
      '[p-kafka/events/c] replicas: 3 is outside the autoscaling range 1-2. Set replicas to the number of workers to start with, within the range');
  });

  // The message names the option the user set, with its values, instead of "(autoscaling)".
  test('autoscaling without the platform\'s KEDA release is an error that names the option and says what to set', () => {
    const platform = new KafkaPlatform(Testing.app(), 'p', { namespace: 'kafka', strimzi: strimziRelease() });
    const k = platform.addKafka('events', THREE_BY_THREE);
    const setKeda = 'needs the KEDA release the cluster runs. Set keda: KedaRelease.of(\'2.20.2\') (your version) on the KafkaPlatform';
    expect(() => k.addConnect('c', { replicas: 1, autoscaling: { minReplicas: 0, maxReplicas: 3, cooldownPeriod: Duration.minutes(5) } })).toThrow(
      `[p-kafka/events/c] autoscaling: {"minReplicas":0,"maxReplicas":3,"cooldownPeriod":"Duration"} ${setKeda}`);

    const orders = k.addTopic('orders', { partitions: 6 });
    const connect = k.addConnect('plain');
    expect(() => connect.addConnector('sink', { className: 'S', topics: [orders], autoscaling: { maxTasks: 6 } })).toThrow(
      `[p-kafka/events/plain/sink] autoscaling: {"maxTasks":6} ${setKeda}`);

    const apps = new Chart(platform.node.scope!, 'apps', { namespace: 'kafka' });
    const pipeline = new kplus.Deployment(apps, 'pipeline', { containers: [{ image: 'example/pipeline:1' }] });
    expect(() => platform.addConsumerAutoscaling('pipeline', { deployment: pipeline, consumerGroup: 'g', topics: [orders], maxReplicas: 6 })).toThrow(
      `[p-autoscaling/pipeline] addConsumerAutoscaling: {"deployment":"apps/pipeline","consumerGroup":"g","topics":["p-kafka/events/orders"],"maxReplicas":6} ${setKeda}`);
  });

  test('autoscaling on a cluster no KafkaPlatform created is an error, not a silent drop', () => {
    const platform = new KafkaPlatform(Testing.app(), 'p', { namespace: 'kafka', strimzi: strimziRelease() });
    const k = new Kafka(new Chart(platform.node.scope!, 'own', { namespace: 'kafka' }), 'events', { ...THREE_BY_THREE, operator: platform.operator });
    expect(() => k.addConnect('c', { autoscaling: { maxReplicas: 3 } })).toThrow(
      '[own/events/c] autoscaling: {"maxReplicas":3} needs the KafkaPlatform that created Kafka "events" to build the KEDA objects. Create the Kafka cluster with platform.addKafka()');
    const connect = k.addConnect('plain');
    expect(() => connect.addConnector('sink', { className: 'S', autoscaling: { maxTasks: 2 } })).toThrow(
      '[own/events/plain/sink] autoscaling: {"maxTasks":2} needs the KafkaPlatform that created Kafka "events"');
  });

  test('the scaler reads lag as a read-only user: Describe on the groups and topics, nothing else', () => {
    const k = kedaKafka();
    const orders = k.addTopic('orders', { partitions: 6 });
    const connect = k.addConnect('c', { autoscaling: { maxReplicas: 3 } });
    connect.addConnector('a', { className: 'a.B', tasksMax: 2, topics: [orders] });
    connect.addConnector('b', { className: 'a.B', topics: [orders] });
    const user = one(resources(KafkaPlatform.of(k)), 'KafkaUser', 'events-keda-tls');
    expect(user.spec.authentication).toEqual({ type: 'tls' });
    expect(user.spec.authorization.acls).toEqual([
      { resource: { type: 'group', name: 'connect-a', patternType: 'literal' }, operations: ['Describe'] },
      { resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Describe'] },
      { resource: { type: 'group', name: 'connect-b', patternType: 'literal' }, operations: ['Describe'] },
    ]);
  });
});
