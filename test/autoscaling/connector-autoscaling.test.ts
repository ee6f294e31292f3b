import { Duration } from 'cdk8s';
import { autoscaling, kedaKafka, one, resources } from './setup';
import { KafkaOffsetResetPolicy, KafkaPlatform, KedaRelease, MetricType, ScalerTrigger } from '../../src';
import { connectorScaleSelector } from '../../src/strimzi/connector-scale-selector';
import { CONNECTOR_SCALE_SELECTOR_FIELD } from '../../src/strimzi/crds';

// strimzi#10450: KafkaConnector's scale subresource has no selector, so the HPA KEDA creates stops
// with InvalidSelector. The patched CRD reads the selector from spec.scaleSelector.
describe('connector task autoscaling (strimzi#10450)', () => {
  test('sets a selector unique to the connector that matches no pod, and always sets tasksMax', () => {
    const k = kedaKafka();
    const orders = k.addTopic('orders', { partitions: 12 });
    const c = k.addConnect('sinks').addConnector('archive', { className: 'io.example.S3Sink', topics: [orders], autoscaling: { minTasks: 2, maxTasks: 12 } });
    const spec = one(resources(KafkaPlatform.of(k)), 'KafkaConnector').spec;
    expect(spec[CONNECTOR_SCALE_SELECTOR_FIELD]).toBe('cdk8s-strimzi-keda/connector=kafka.archive');
    expect(spec.tasksMax).toBe(2);
    expect(c.scaleSelector).toBe('cdk8s-strimzi-keda/connector=kafka.archive');
    // Strimzi labels Connect pods only with strimzi.io/* and app.kubernetes.io/* keys.
    expect(c.scaleSelector!.split('=')[0]).not.toMatch(/^(strimzi\.io|app\.kubernetes\.io)\//);
  });

  test('the ScaledObject targets the KafkaConnector, at least one task, AverageValue metric on the connector\'s group', () => {
    const k = kedaKafka();
    k.addConnect('sinks').addConnector('archive', {
      className: 'io.example.S3Sink', topics: [k.addTopic('orders', { partitions: 12 })], tasksMax: 3, autoscaling: { maxTasks: 12, lagThreshold: 100 },
    });
    const so = one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject', 'archive-tasks');
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnector', name: 'archive' });
    expect([so.spec.minReplicaCount, so.spec.maxReplicaCount]).toEqual([1, 12]);
    expect(so.spec.triggers).toEqual([{
      type: 'kafka',
      name: 'lag',
      metricType: 'AverageValue',
      metadata: {
        bootstrapServers: 'events-kafka-bootstrap.kafka.svc:9093',
        consumerGroup: 'connect-archive',
        topic: 'orders',
        lagThreshold: '100',
        offsetResetPolicy: 'earliest',
        tls: 'enable',
        version: '2.1.0',
      },
      authenticationRef: { kind: 'TriggerAuthentication', name: one(autoscaling(KafkaPlatform.of(k)), 'TriggerAuthentication').metadata.name },
    }]);
    expect(one(resources(KafkaPlatform.of(k)), 'KafkaConnector').spec.tasksMax).toBe(3);
  });

  // apache/kafka 3.9 Worker.java, baseConsumerConfigs: the sink consumer starts at earliest unless the
  // connector's consumer.override.auto.offset.reset (or the worker's consumer.auto.offset.reset) says
  // otherwise; KEDA's default latest would count a new connector's backlog as 1 per partition.
  test('the task trigger follows the connector\'s auto.offset.reset', () => {
    const policy = (config?: any, options: any = {}, release?: KedaRelease) => {
      const k = kedaKafka({}, release ? { keda: release } : {});
      k.addConnect('c').addConnector('x', { className: 'a.B', topics: ['t'], config, autoscaling: { maxTasks: 4, ...options } });
      return one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.triggers[0].metadata.offsetResetPolicy;
    };
    expect(policy()).toBe('earliest');
    expect(policy({ 'consumer.override.auto.offset.reset': 'latest' })).toBe('latest');
    expect(() => policy(undefined, { offsetResetPolicy: KafkaOffsetResetPolicy.LATEST })).toThrow(
      '[p-kafka/events/c/x] autoscaling.offsetResetPolicy: "latest" contradicts auto.offset.reset earliest of the sink consumer of KafkaConnector x '
      + '(Kafka Connect\'s setting for every sink consumer (apache/kafka Worker.java, baseConsumerConfigs))');
    // keda#5689: KEDA 2.14 ignores scaleToZeroOnInvalidOffset with earliest.
    expect(() => policy(undefined, { scaleToZeroOnInvalidOffset: true }, KedaRelease.V2_14_1)).toThrow(
      '[p-kafka/events/c/x] autoscaling.scaleToZeroOnInvalidOffset: true with offsetResetPolicy earliest, which follows the sink consumer of KafkaConnector x '
      + '(Kafka Connect\'s setting for every sink consumer (apache/kafka Worker.java, baseConsumerConfigs)), needs KEDA 2.15.0 or later (keda#5689), '
      + 'but the release is KEDA 2.14.1. Remove it, use KEDA 2.15.0 or later, or set consumer.override.auto.offset.reset: latest in the connector config');
    expect(policy({ 'consumer.override.auto.offset.reset': 'latest' }, { scaleToZeroOnInvalidOffset: true }, KedaRelease.V2_14_1)).toBe('latest');
  });

  test('workers and tasks of one Connect cluster can be scaled together without sharing pods', () => {
    const k = kedaKafka();
    const orders = k.addTopic('orders', { partitions: 12 });
    const connect = k.addConnect('sinks', { autoscaling: { maxReplicas: 6 } });
    connect.addConnector('archive', { className: 'a.B', topics: [orders], autoscaling: { maxTasks: 12 } });
    const objects = autoscaling(KafkaPlatform.of(k)).filter(o => o.kind === 'ScaledObject');
    expect(objects.map(o => `${o.spec.scaleTargetRef.kind}/${o.spec.scaleTargetRef.name}`)).toEqual(['KafkaConnect/sinks', 'KafkaConnector/archive']);
    // The worker HPA selects the Connect pods through Strimzi's status.labelSelector; the task HPA
    // selects nothing, so the HPA controller never reports AmbiguousSelector.
    expect(one(resources(KafkaPlatform.of(k)), 'KafkaConnector').spec.scaleSelector).toBe('cdk8s-strimzi-keda/connector=kafka.archive');
  });

  test('source connectors have no lag to scale on', () => {
    expect(() => kedaKafka().addConnect('c').addConnector('src', { className: 'a.Source', autoscaling: { maxTasks: 4 } })).toThrow(
      '[p-kafka/events/c/src] autoscaling: "KafkaConnector src" scales tasks on the lag of the connector\'s consumer group, so it needs topics. '
      + 'Give the sink connector its topics; source connectors have no consumer lag to scale on');
  });

  test('tasksMax outside the range is an error', () => {
    expect(() => kedaKafka().addConnect('c').addConnector('x', { className: 'a.B', topics: ['t'], tasksMax: 20, autoscaling: { maxTasks: 12 } })).toThrow(
      '[p-kafka/events/c/x] tasksMax: 20 is outside the autoscaling range 1-12. Leave tasksMax unset (it starts at minTasks) or set it within the range');
  });

  test('more tasks than partitions is an error; with topic names only the partitions are unknown', () => {
    const k = kedaKafka();
    k.addConnect('c').addConnector('x', { className: 'a.B', topics: [k.addTopic('t', { partitions: 4 })], autoscaling: { maxTasks: 10 } });
    expect(() => autoscaling(KafkaPlatform.of(k))).toThrow('autoscaling.maxTasks: 10 exceeds the 4 partition(s) of the topics of KafkaConnector x');
    const names = kedaKafka();
    names.addConnect('c').addConnector('x', { className: 'a.B', topics: ['external'], autoscaling: { maxTasks: 10 } });
    expect(() => autoscaling(KafkaPlatform.of(names))).not.toThrow();
  });

  test('no scale to zero: the CRD has tasksMax minimum 1', () => {
    expect(() => kedaKafka().addConnect('c').addConnector('x', { className: 'a.B', topics: ['t'], autoscaling: { minTasks: 0, maxTasks: 4 } }))
      .toThrow('[p-kafka/events/c/x] autoscaling.minTasks: 0 must be an integer >= 1: the KafkaConnector CRD has tasksMax minimum 1, so a connector cannot scale to zero. '
        + 'Use state: KafkaConnectorState.PAUSED or STOPPED to stop it');
    expect(() => kedaKafka().addConnect('c').addConnector('x', { className: 'a.B', topics: ['t'], autoscaling: { minTasks: 3, maxTasks: 2 } }))
      .toThrow('autoscaling.maxTasks: 2 must be an integer >= minTasks (3)');
  });

  // kedacore/keda pkg/scaling/executor/scale_scaledobjects.go: the cooldowns apply only on the way to 0
  // or to idleReplicaCount; a connector keeps at least one task and has no idle count.
  test('cooldownPeriod and initialCooldownPeriod can never apply to connector tasks', () => {
    const connector = (options: any) => () => kedaKafka().addConnect('c').addConnector('x', { className: 'a.B', topics: ['t'], autoscaling: { maxTasks: 4, ...options } });
    expect(connector({ cooldownPeriod: Duration.minutes(5) })).toThrow('[p-kafka/events/c/x] autoscaling.cooldownPeriod: "300s" can never take effect on connector tasks, '
      + 'which never go below one task (the KafkaConnector CRD\'s tasksMax minimum is 1): KEDA waits it only before scaling to 0 or to idleReplicas, and the HPA does '
      + 'every other scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go). Slow down scale-in with autoscaling.behavior.scaleDown (stabilizationWindow, policies)');
    expect(connector({ initialCooldownPeriod: Duration.seconds(30) })).toThrow('[p-kafka/events/c/x] autoscaling.initialCooldownPeriod: "30s" can never take effect on connector tasks');
  });

  test('cpu and memory triggers are refused: tasks are not pods', () => {
    expect(() => kedaKafka().addConnect('c').addConnector('x', {
      className: 'a.B', topics: ['t'], autoscaling: { maxTasks: 4, triggers: [ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '60' })] },
    })).toThrow('[p-autoscaling/kafka-x-tasks/Resource] triggers[0].type: "cpu" cannot scale a target without pods (the target KafkaConnector x scales tasks, not pods). '
      + 'Use an event trigger such as kafka');
  });

  test('a selector value that would be too long for a label is shortened with a hash, still unique', () => {
    const a = connectorScaleSelector('kafka', `${'a'.repeat(60)}-one`);
    const b = connectorScaleSelector('kafka', `${'a'.repeat(60)}-two`);
    for (const s of [a, b]) {
      expect(s.split('=')[1].length).toBeLessThanOrEqual(63);
      expect(s).toMatch(/^cdk8s-strimzi-keda\/connector=a{45}-[0-9a-f]{12}$/);
    }
    expect(a).not.toBe(b);
  });
});
