import { KAFKA, newChart, renderTrigger, scaledObject, thrown, triggerError } from './helpers';
import { KedaRelease, MetricType, ScalerTrigger, ScaleTarget, TriggerAuthentication } from '../../src';

const PATH = '[test/so] ';
const PROMETHEUS = { serverAddress: 'http://prometheus.monitoring.svc:9090', query: 'sum(rate(http_requests_total[1m]))', threshold: 100 };
const CONNECTOR = ScaleTarget.of({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnector', name: 'sink' })
  ._withoutPods('is a KafkaConnector: its /scale sets spec.tasksMax, and tasks are not pods');

describe('prometheus trigger', () => {
  test('emits its parameters as strings', () => {
    const trigger = renderTrigger(ScalerTrigger.prometheus({
      ...PROMETHEUS, threshold: 0.5, activationThreshold: 2, namespace: 'team-a', ignoreNullValues: false, unsafeSsl: true, name: 'rps',
    }));
    expect(trigger).toEqual({
      type: 'prometheus',
      name: 'rps',
      metadata: {
        serverAddress: 'http://prometheus.monitoring.svc:9090',
        query: 'sum(rate(http_requests_total[1m]))',
        threshold: '0.5',
        activationThreshold: '2',
        namespace: 'team-a',
        ignoreNullValues: 'false',
        unsafeSsl: 'true',
      },
    });
  });

  test('needs a URL, a query and a threshold > 0', () => {
    expect(triggerError(ScalerTrigger.prometheus({ ...PROMETHEUS, serverAddress: 'prometheus:9090', query: ' ', threshold: 0 })).split('\n')).toEqual([
      `${PATH}triggers[0].serverAddress: "prometheus:9090" is not an http:// or https:// URL`,
      `${PATH}triggers[0].query: " " must be a non-empty string`,
      `${PATH}triggers[0].threshold: 0 must be a number > 0`,
    ]);
  });
});

describe('cpu and memory triggers', () => {
  test('carry metricType at the trigger and the value in metadata', () => {
    const cpu = renderTrigger(ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '80', containerName: 'app' }), { minReplicas: 1 });
    expect(cpu).toEqual({ type: 'cpu', metricType: 'Utilization', metadata: { value: '80', containerName: 'app' } });
    const memory = renderTrigger(ScalerTrigger.memory({ metricType: MetricType.AVERAGE_VALUE, value: '512Mi' }), { minReplicas: 1 });
    expect(memory).toEqual({ type: 'memory', metricType: 'AverageValue', metadata: { value: '512Mi' } });
  });

  test('value must fit the metric type, and Value is not a resource metric type', () => {
    expect(triggerError(ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '80%' }))).toBe(
      `${PATH}triggers[0].value: "80%" must be a whole percentage > 0 with metricType Utilization. For example "80"`);
    expect(triggerError(ScalerTrigger.memory({ metricType: MetricType.AVERAGE_VALUE, value: '512MB' }))).toBe(
      `${PATH}triggers[0].value: "512MB" must be a Kubernetes quantity with metricType AverageValue. For example "512Mi"`);
    expect(triggerError(ScalerTrigger.cpu({ metricType: MetricType.VALUE, value: '1' }))).toBe(
      `${PATH}triggers[0].metricType: "Value" must be Utilization or AverageValue for a cpu trigger`);
  });
});

describe('generic trigger', () => {
  test('renders numbers and booleans as strings', () => {
    const trigger = renderTrigger(ScalerTrigger.generic({ type: 'rabbitmq', metadata: { queueName: 'orders', value: 20, excludeUnacknowledged: true } }));
    expect(trigger).toEqual({ type: 'rabbitmq', metadata: { queueName: 'orders', value: '20', excludeUnacknowledged: 'true' } });
  });

  // keda#5915: env changes never reach a running scaler; custom resources have no containers to read env from.
  test('refuses ...FromEnv keys', () => {
    expect(triggerError(ScalerTrigger.generic({ type: 'rabbitmq', metadata: { hostFromEnv: 'RABBIT_HOST' } }))).toBe(
      `${PATH}triggers[0].metadata.hostFromEnv: "RABBIT_HOST" reads the scale target's container environment, which this library never uses. `
      + 'Give the value literally (KEDA does not notice env changes, keda#5915, and custom resources have no containers) or through the authentication');
  });

  test('refuses secrets in metadata without echoing them, and values that are not scalars', () => {
    expect(triggerError(ScalerTrigger.generic({ type: 'redis', metadata: { password: 'hunter2', hosts: ['a'] } })).split('\n')).toEqual([
      `${PATH}triggers[0].metadata.hosts: ["a"] must be a string, a finite number or a boolean. KEDA trigger metadata is a map of strings`,
      `${PATH}triggers[0].metadata.password: "<redacted>" looks like a secret, and trigger metadata is written into the manifest. `
      + 'Provide it through a TriggerAuthentication secretTargetRef',
    ]);
  });

  test('needs a scaler type', () => {
    expect(triggerError(ScalerTrigger.generic({ type: 'Rabbit MQ', metadata: {} }))).toBe(
      `${PATH}triggers[0].type: "Rabbit MQ" is not a KEDA scaler type (lowercase letters, digits and '-')`);
  });
});

describe('options of every trigger', () => {
  test('name, metricType and useCachedMetrics are emitted as given', () => {
    const trigger = renderTrigger(ScalerTrigger.kafka({
      bootstrapServers: ['k:9092'], consumerGroup: 'g', name: 'lag', metricType: MetricType.VALUE, useCachedMetrics: true,
    }));
    expect(trigger).toMatchObject({ name: 'lag', metricType: 'Value', useCachedMetrics: true });
  });

  // pkg/scalers/scaler.go GetMetricTargetType
  test('Utilization is for cpu and memory only', () => {
    expect(triggerError(ScalerTrigger.prometheus({ ...PROMETHEUS, metricType: MetricType.UTILIZATION }))).toBe(
      `${PATH}triggers[0].metricType: "Utilization" is only valid for cpu and memory triggers, not prometheus. Use AverageValue or Value`);
  });

  // ValidateTriggers (scaledobject_webhook.go): no useCachedMetrics on cpu/memory/cron.
  test('useCachedMetrics is refused on cron', () => {
    expect(triggerError(ScalerTrigger.generic({ type: 'cron', metadata: { timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 5 }, useCachedMetrics: false })))
      .toBe(`${PATH}triggers[0].useCachedMetrics: false is not allowed on a cron trigger`);
  });

  test('an empty name is refused', () => {
    expect(triggerError(ScalerTrigger.prometheus({ ...PROMETHEUS, name: '' }))).toBe(`${PATH}triggers[0].name: "" must be a non-empty string`);
  });

  test('the authentication must use the ScaledObject\'s KEDA release and namespace', () => {
    const other = new TriggerAuthentication(newChart(), 'auth', { release: KedaRelease.V2_18_3, secretTargetRefs: [{ parameter: 'password', name: 's', key: 'p' }] });
    expect(triggerError(ScalerTrigger.prometheus({ ...PROMETHEUS, authentication: other }))).toBe(
      `${PATH}triggers[0].authentication: "test/auth" uses KEDA 2.18.3, but the ScaledObject uses KEDA 2.20.2. Give both the same KedaRelease`);
    const elsewhere = new TriggerAuthentication(newChart('monitoring'), 'auth', { release: KedaRelease.V2_20_2, secretTargetRefs: [{ parameter: 'password', name: 's', key: 'p' }] });
    expect(triggerError(ScalerTrigger.prometheus({ ...PROMETHEUS, authentication: elsewhere }))).toBe(
      `${PATH}triggers[0].authentication: "${elsewhere.name}" is in namespace monitoring, but the ScaledObject is in apps. A TriggerAuthentication must `
      + 'be in the ScaledObject\'s namespace; use a ClusterTriggerAuthentication to share credentials across namespaces');
  });

  test('addTrigger checks the trigger at once and names its index', () => {
    const so = scaledObject(newChart());
    expect(thrown(() => so.addTrigger(ScalerTrigger.prometheus({ ...PROMETHEUS, threshold: -1 })))).toBe(
      `${PATH}triggers[1].threshold: -1 must be a number > 0`);
    expect(so.triggers).toEqual([KAFKA]);
  });
});

describe('targets without pods', () => {
  // kubernetes#124040: Resource metrics and Value targets count ready pods of the /scale selector.
  test('cpu and memory triggers are refused', () => {
    expect(triggerError(ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '80' }), { target: CONNECTOR, minReplicas: 1 })).toBe(
      `${PATH}triggers[0].type: "cpu" cannot scale a target without pods (the target is a KafkaConnector: its /scale sets spec.tasksMax, and tasks `
      + 'are not pods). Use an event trigger such as kafka');
  });

  test('Value is refused, and every trigger gets AverageValue', () => {
    expect(triggerError(ScalerTrigger.prometheus({ ...PROMETHEUS, metricType: MetricType.VALUE }), { target: CONNECTOR, minReplicas: 1 })).toBe(
      `${PATH}triggers[0].metricType: "Value" cannot be used for a target without pods (the target is a KafkaConnector: its /scale sets `
      + 'spec.tasksMax, and tasks are not pods): the HPA counts pods for Value targets. Use AverageValue (or leave metricType unset)');
    expect(renderTrigger(KAFKA, { target: CONNECTOR, minReplicas: 1 }).metricType).toBe('AverageValue');
    expect(renderTrigger(KAFKA).metricType).toBeUndefined();
  });
});
