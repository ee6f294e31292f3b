import { ApiObject, Chart, Duration, Testing, Yaml } from 'cdk8s';
import { DEPLOYMENT, KAFKA, newChart, scaledObject, synthKind, thrown, validationErrors } from './helpers';
import {
  FallbackBehavior, HpaScalingPolicyType, HpaSelectPolicy, KafkaTriggerProps, KedaRelease, MetricType, ScaledObject, ScaledObjectProps, ScalerTrigger,
  ScaleTarget, TriggerAuthentication,
} from '../../src';

const PATH = '[test/so] ';
const CPU = ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '80' });
const CONNECTOR = ScaleTarget.of({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnector', name: 'sink' })
  ._withoutPods('is a KafkaConnector: tasks are not pods');

function spec(props: Partial<ScaledObjectProps> = {}): any {
  const chart = newChart();
  scaledObject(chart, props);
  return synthKind(chart, 'ScaledObject').spec;
}

function error(props: Partial<ScaledObjectProps>): string {
  return thrown(() => scaledObject(newChart(), props));
}

function synthErrors(props: Partial<ScaledObjectProps>): string[] {
  const chart = newChart();
  scaledObject(chart, props);
  return validationErrors(chart);
}

function kafka(props: Partial<KafkaTriggerProps> = {}): ScalerTrigger {
  return ScalerTrigger.kafka({ bootstrapServers: ['events-kafka-bootstrap.kafka.svc:9092'], consumerGroup: 'orders', ...props });
}

describe('ScaledObject rendering', () => {
  test('a minimal ScaledObject: explicit replica bounds, target reference, name from the id, chart namespace', () => {
    const chart = newChart();
    scaledObject(chart, {}, 'consumer');
    expect(synthKind(chart, 'ScaledObject')).toEqual({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'consumer', namespace: 'apps' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer' },
        minReplicaCount: 0,
        maxReplicaCount: 100,
        triggers: [{ type: 'kafka', metadata: { bootstrapServers: 'events-kafka-bootstrap.kafka.svc:9092', consumerGroup: 'orders' } }],
      },
    });
  });

  test('every field, on KEDA 2.20.2', () => {
    const chart = newChart();
    const so = scaledObject(chart, {
      name: 'orders-consumer',
      minReplicas: 2,
      maxReplicas: 12,
      idleReplicas: 0,
      pollingInterval: Duration.seconds(15),
      cooldownPeriod: Duration.minutes(2),
      initialCooldownPeriod: Duration.minutes(1),
      fallback: { failureThreshold: 3, replicas: 6, behavior: FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER },
      advanced: {
        horizontalPodAutoscalerName: 'orders-hpa',
        restoreToOriginalReplicaCount: true,
        behavior: {
          scaleDown: {
            stabilizationWindow: Duration.minutes(10),
            selectPolicy: HpaSelectPolicy.MIN,
            policies: [{ type: HpaScalingPolicyType.PERCENT, value: 50, period: Duration.minutes(1) }],
          },
          scaleUp: { policies: [{ type: HpaScalingPolicyType.PODS, value: 4, period: Duration.seconds(30) }] },
        },
        scalingModifiers: { formula: 'lag / 2', target: '10', activationTarget: '1', metricType: MetricType.AVERAGE_VALUE },
      },
      triggers: [kafka({ name: 'lag' })],
    });
    expect(synthKind(chart, 'ScaledObject')).toMatchSnapshot();
    expect([so.name, so.namespace, so.hpaName, so.minReplicas, so.maxReplicas, so.idleReplicas, so.paused]).toEqual(
      ['orders-consumer', 'apps', 'orders-hpa', 2, 12, 0, false]);
    expect(so.pollingInterval?.toSeconds()).toBe(15);
  });

  test('addTrigger() after construction lands in the spec', () => {
    const chart = newChart();
    const so = scaledObject(chart, { triggers: [] });
    so.addTrigger(KAFKA);
    expect(synthKind(chart, 'ScaledObject').spec.triggers).toHaveLength(1);
    expect(so.triggers).toEqual([KAFKA]);
  });

  test('is the emitted object itself, and marks itself for server-side apply once its triggers outgrow client-side apply', () => {
    const chart = newChart();
    const so = scaledObject(chart, { triggers: [] });
    expect(so.apiObject).toBe(so);
    expect(so.node.children).toEqual([]);
    // cdk8s answers `instanceof` of any ApiObject subclass for every ApiObject; a ScaledObject answers for itself.
    expect([so instanceof ScaledObject, new ApiObject(chart, 'other', { apiVersion: 'v1', kind: 'ConfigMap' }) instanceof ScaledObject]).toEqual([true, false]);
    for (let i = 0; i < 1700; i++) {
      so.addTrigger(kafka({ name: `lag-${i}`, consumerGroup: `connect-sink-${String(i).padStart(5, '0')}`, topic: `topic-${i}` }));
    }
    const rendered = synthKind(chart, 'ScaledObject');
    expect(Buffer.byteLength(JSON.stringify(rendered))).toBeGreaterThan(262_144);
    expect(rendered.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' });
  });

  test('a TriggerAuthentication of the same chart is written before the ScaledObject that uses it', () => {
    const chart = newChart();
    const so = scaledObject(chart, { triggers: [] });
    const auth = new TriggerAuthentication(chart, 'auth', { release: KedaRelease.V2_20_2, secretTargetRefs: [{ parameter: 'password', name: 's', key: 'p' }] });
    so.addTrigger(kafka({ sasl: undefined, authentication: auth, tls: undefined }));
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['TriggerAuthentication', 'ScaledObject']);
  });

  test('paused and pausedReplicas become the annotations KEDA reads', () => {
    const annotations = (props: Partial<ScaledObjectProps>) => {
      const chart = newChart();
      scaledObject(chart, props);
      return synthKind(chart, 'ScaledObject').metadata.annotations;
    };
    expect(annotations({ paused: true })).toEqual({ 'autoscaling.keda.sh/paused': 'true' });
    expect(annotations({ pausedReplicas: 0 })).toEqual({ 'autoscaling.keda.sh/paused-replicas': '0' });
    expect(annotations({})).toBeUndefined();
    expect(error({ paused: true, pausedReplicas: 1 })).toBe(`${PATH}pausedReplicas: 1 cannot be combined with paused: true. `
      + 'Use paused to keep the current replicas, or pausedReplicas to set a count');
  });

  test('the target needs a name', () => {
    expect(error({ target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: '' }) })).toBe(`${PATH}target.name: "" must be a non-empty string`);
  });

  test('the namespace is the target\'s, and another one is refused', () => {
    const target = ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'c', namespace: 'streams' });
    expect(scaledObject(newChart(), { target }).namespace).toBe('streams');
    expect(error({ target, namespace: 'apps' })).toBe(`${PATH}namespace: "apps" differs from the target's namespace "streams". `
      + 'A ScaledObject scales targets in its own namespace only; leave namespace unset');
  });
});

// keda#5915: KEDA rebuilds scalers only when the spec (generation) changes.
describe('spec changes exactly when scaler inputs change', () => {
  function manifest(trigger: Partial<KafkaTriggerProps>, credentialsRevision?: string): string {
    const chart = newChart();
    const auth = new TriggerAuthentication(chart, 'kafka-auth', {
      release: KedaRelease.V2_20_2,
      credentialsRevision,
      secretTargetRefs: [{ parameter: 'username', name: 'u', key: 'username' }, { parameter: 'password', name: 'u', key: 'password' }],
    });
    scaledObject(chart, { triggers: [kafka({ sasl: undefined, authentication: auth, ...trigger })] });
    return Yaml.stringify(...Testing.synth(chart));
  }

  test('the same declaration gives byte-identical output', () => {
    expect(manifest({ topic: 'orders' }, '1')).toBe(manifest({ topic: 'orders' }, '1'));
  });

  test('a changed trigger input or credentialsRevision changes the ScaledObject spec', () => {
    const specOf = (trigger: Partial<KafkaTriggerProps>, revision?: string) => {
      const chart = newChart();
      const auth = new TriggerAuthentication(chart, 'kafka-auth', {
        release: KedaRelease.V2_20_2, credentialsRevision: revision, secretTargetRefs: [{ parameter: 'ca', name: 'ca', key: 'ca.crt' }],
      });
      scaledObject(chart, { triggers: [kafka({ tls: true, authentication: auth, ...trigger })] });
      return JSON.stringify(synthKind(chart, 'ScaledObject').spec);
    };
    const base = specOf({ topic: 'orders' }, '1');
    expect(specOf({ topic: 'orders' }, '1')).toBe(base);
    expect(specOf({ topic: 'payments' }, '1')).not.toBe(base);
    expect(specOf({ topic: 'orders', bootstrapServers: ['other-kafka-bootstrap.kafka.svc:9092'] }, '1')).not.toBe(base);
    expect(specOf({ topic: 'orders' }, '2')).not.toBe(base);
  });
});

describe('KEDA admission rules', () => {
  // CheckReplicaCountBoundsAreValid; webhook enforces from 2.20.0 (keda#7562), the controller always.
  test('minReplicas <= maxReplicas and idleReplicas < minReplicas', () => {
    expect(error({ minReplicas: 5, maxReplicas: 3 })).toBe(`${PATH}minReplicas: 5 must be <= maxReplicas (3)`);
    expect(error({ minReplicas: 2, idleReplicas: 2 })).toBe(`${PATH}idleReplicas: 2 must be < minReplicas (2)`);
    expect(error({ idleReplicas: 0 })).toBe(`${PATH}idleReplicas: 0 must be < minReplicas (0). Set minReplicas above idleReplicas`);
    expect(error({ maxReplicas: 0 })).toBe(`${PATH}maxReplicas: 0 must be an integer >= 1`);
    expect(error({ minReplicas: 1.5 })).toBe(`${PATH}minReplicas: 1.5 must be an integer`);
  });

  test('at least one trigger, by synth time', () => {
    expect(synthErrors({ triggers: [] })).toEqual([`${PATH}triggers: [] must have at least one trigger. Pass triggers or call addTrigger()`]);
  });

  test('trigger names are unique', () => {
    expect(synthErrors({ triggers: [kafka({ name: 'lag' }), kafka({ name: 'lag', topic: 't' })] })).toEqual([
      `${PATH}triggers: "lag" is the name of more than one trigger. Trigger names must be unique in a ScaledObject`,
    ]);
  });

  // keda#7762 (2.20.0): the name and keda-hpa-<name> at most 63 characters.
  test('the name and the derived HPA name are at most 63 characters', () => {
    expect(error({ name: 'a'.repeat(64) })).toMatch(/^\[test\/so\] name: "a{64}" must be a valid Kubernetes object name .*, and KEDA allows at most 63 characters \(keda#7762\)$/);
    expect(error({ name: 'a'.repeat(55) })).toBe(`${PATH}name: "${'a'.repeat(55)}" gives the HPA name "keda-hpa-${'a'.repeat(55)}", which is longer than 63 `
      + 'characters or not a valid name (keda#7762). Use a name of at most 54 characters, or set advanced.horizontalPodAutoscalerName');
    expect(scaledObject(newChart(), { name: 'a'.repeat(55), advanced: { horizontalPodAutoscalerName: 'short' } }).hpaName).toBe('short');
    expect(thrown(() => scaledObject(newChart(), {}, 'Consumer'))).toMatch(/^\[test\/Consumer\] id: "Consumer" must be .*\. Set name$/);
  });

  // v2.20.2 (and v2.14.0):pkg/scaling/executor/scale_scaledobjects.go: RequestScale calls
  // scaleToZeroOrIdle, the only reader of both cooldowns, only with idleReplicaCount set or
  // minReplicas 0; the HPA does every other scale-in.
  test('cooldownPeriod and initialCooldownPeriod are refused where KEDA never waits them', () => {
    const hint = 'Slow down scale-in with advanced.behavior.scaleDown (stabilizationWindow, policies), or set minReplicas: 0 or idleReplicas';
    expect(error({ minReplicas: 2, cooldownPeriod: Duration.minutes(10) })).toBe(`${PATH}cooldownPeriod: "600s" has no effect with minReplicas 2 and no idleReplicas: `
      + `KEDA waits it only before scaling to 0 or to idleReplicas, and the HPA does every other scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go). ${hint}`);
    expect(error({ minReplicas: 1, initialCooldownPeriod: Duration.minutes(1) })).toBe(`${PATH}initialCooldownPeriod: "60s" has no effect with minReplicas 1 and no idleReplicas: `
      + `KEDA waits it only before scaling to 0 or to idleReplicas, and the HPA does every other scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go). ${hint}`);
    // Scale to zero, or to an idle count: then KEDA waits them (also for idle 1, which KEDA 2.20's
    // webhook warns about although the executor honours it).
    expect(spec({ cooldownPeriod: Duration.minutes(10), initialCooldownPeriod: Duration.minutes(1) }))
      .toMatchObject({ cooldownPeriod: 600, initialCooldownPeriod: 60 });
    expect(spec({ minReplicas: 3, idleReplicas: 1, cooldownPeriod: Duration.minutes(10) }))
      .toMatchObject({ idleReplicaCount: 1, minReplicaCount: 3, cooldownPeriod: 600 });
  });

  test('only cpu/memory triggers with minReplicas 0 are refused', () => {
    expect(synthErrors({ triggers: [CPU] })).toEqual([`${PATH}minReplicas: 0 must be at least 1 when all triggers are cpu or memory. `
      + 'Set minReplicas: 1, or add an event trigger that can activate the target from zero']);
    expect(synthErrors({ triggers: [CPU], minReplicas: 1 })).toEqual([]);
    expect(synthErrors({ triggers: [CPU, KAFKA] })).toEqual([]);
  });

  test('durations are whole seconds within KEDA\'s bounds', () => {
    expect(error({ pollingInterval: Duration.millis(1500) })).toBe(`${PATH}pollingInterval: "1.5s" is not a whole number of seconds. The field holds seconds; round it`);
    expect(error({ pollingInterval: Duration.seconds(0) })).toBe(`${PATH}pollingInterval: "0s" must be at least 1 second`);
    expect(error({ advanced: { behavior: { scaleDown: { stabilizationWindow: Duration.hours(2) } } } })).toBe(
      `${PATH}advanced.behavior.scaleDown.stabilizationWindow: "7200s" must be between 0 and 3600 seconds`);
    expect(spec({ cooldownPeriod: Duration.seconds(0) }).cooldownPeriod).toBe(0);
  });
});

describe('one ScaledObject per target and per HPA, across the app', () => {
  // verifyScaledObjects; we compare API group + kind, not the apiVersion string.
  test('a second ScaledObject for the same target is refused, in another chart too, whatever the API version', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'kafka' });
    const b = new Chart(app, 'b', { namespace: 'kafka' });
    const target = (apiVersion: string) => ScaleTarget.of({ apiVersion, kind: 'KafkaConnect', name: 'connect' });
    new ScaledObject(a, 'first', { release: KedaRelease.V2_20_2, target: target('kafka.strimzi.io/v1beta2'), triggers: [KAFKA] });
    new ScaledObject(b, 'second', { release: KedaRelease.V2_20_2, target: target('kafka.strimzi.io/v1'), triggers: [KAFKA] });
    expect(validationErrors(a)).toEqual(['[b/second] target: "KafkaConnect/connect" is already scaled by the ScaledObject a/first. '
      + 'KEDA allows one ScaledObject per target; put all triggers into one ScaledObject']);
  });

  test('the same target name in another namespace is another target', () => {
    const app = Testing.app();
    new ScaledObject(new Chart(app, 'a', { namespace: 'x' }), 'so', { release: KedaRelease.V2_20_2, target: DEPLOYMENT, triggers: [KAFKA] });
    new ScaledObject(new Chart(app, 'b', { namespace: 'y' }), 'so', { release: KedaRelease.V2_20_2, target: DEPLOYMENT, triggers: [KAFKA] });
    expect(validationErrors(app)).toEqual([]);
  });

  // keda#6198 (2.16.0)
  test('two ScaledObjects with one HPA name are refused', () => {
    const chart = newChart();
    scaledObject(chart, { advanced: { horizontalPodAutoscalerName: 'hpa' } }, 'a');
    scaledObject(chart, { target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'other' }), advanced: { horizontalPodAutoscalerName: 'hpa' } }, 'b');
    expect(validationErrors(chart)).toEqual(['[test/b] hpaName: "hpa" is also the HPA of the ScaledObject test/a. KEDA allows one ScaledObject '
      + 'per HPA name (keda#6198); set advanced.horizontalPodAutoscalerName']);
  });
});

describe('fallback', () => {
  // keda#6696: 2.17.0 rejects fallback when a trigger omits metricType; explicit AverageValue works everywhere.
  test('every event trigger gets an explicit AverageValue; cpu keeps its own', () => {
    const triggers = spec({ fallback: { failureThreshold: 3, replicas: 2 }, triggers: [KAFKA, kafka({ topic: 't', metricType: MetricType.AVERAGE_VALUE }), CPU] }).triggers;
    expect(triggers.map((t: any) => t.metricType)).toEqual(['AverageValue', 'AverageValue', 'Utilization']);
  });

  test('needs a trigger that is not cpu or memory', () => {
    expect(synthErrors({ fallback: { failureThreshold: 3, replicas: 2 }, triggers: [CPU], minReplicas: 1 })).toEqual([
      `${PATH}fallback: {"failureThreshold":3,"replicas":2} needs at least one trigger that is not cpu or memory. `
      + 'Fallback replaces failing external metrics; cpu and memory metrics never use it',
    ]);
  });

  // keda#6655: Value with fallback from 2.18.0 on.
  test('a Value trigger with fallback needs KEDA 2.18.0', () => {
    const props = { fallback: { failureThreshold: 3, replicas: 2 }, triggers: [kafka({ metricType: MetricType.VALUE })] };
    expect(error({ ...props, release: KedaRelease.V2_17_1 })).toBe(`${PATH}triggers[0].metricType: "Value" with fallback needs KEDA 2.18.0 or later `
      + '(keda#6655), but the release is KEDA 2.17.1. Use AverageValue (or leave metricType unset), or KEDA 2.18.0 or later');
    expect(spec({ ...props, release: KedaRelease.V2_18_3 }).triggers[0].metricType).toBe('Value');
  });

  test('behavior needs KEDA 2.17.0, and scalingModifiers behavior KEDA 2.20.0 and a formula', () => {
    expect(error({ release: KedaRelease.V2_16_1, fallback: { failureThreshold: 3, replicas: 2, behavior: FallbackBehavior.STATIC } })).toBe(
      `${PATH}fallback.behavior: "static" needs KEDA 2.17.0 or later (v2.17.0:apis/keda/v1alpha1/scaledobject_types.go; CRD enum first in the 2.18.3 fixture), `
      + 'but the release is KEDA 2.16.1. Remove it, or use KEDA 2.17.0 or later');
    const current = { failureThreshold: 3, replicas: 2, behavior: FallbackBehavior.CURRENT_REPLICAS };
    expect(spec({ release: KedaRelease.V2_18_3, fallback: current }).fallback)
      .toEqual({ failureThreshold: 3, replicas: 2, behavior: 'currentReplicas' });
    const modifiers = { formula: 'lag', target: '5' };
    const byFormula = { failureThreshold: 1, replicas: 1, behavior: FallbackBehavior.SCALING_MODIFIERS };
    expect(error({ release: KedaRelease.V2_19_0, fallback: byFormula })).toMatch(
      /^\[test\/so\] fallback.behavior: "scalingModifiers" needs KEDA 2.20.0 or later .*but the release is KEDA 2.19.0/);
    expect(error({ fallback: { failureThreshold: 1, replicas: 1, behavior: FallbackBehavior.SCALING_MODIFIERS } })).toBe(
      `${PATH}fallback.behavior: "scalingModifiers" needs advanced.scalingModifiers. Set a scalingModifiers formula or use another behavior`);
    expect(spec({ fallback: { failureThreshold: 1, replicas: 1, behavior: FallbackBehavior.SCALING_MODIFIERS }, advanced: { scalingModifiers: modifiers }, triggers: [kafka({ name: 'lag' })] })
      .fallback.behavior).toBe('scalingModifiers');
  });

  test('failureThreshold and replicas are integers >= 0', () => {
    expect(error({ fallback: { failureThreshold: -1, replicas: 2 } })).toBe(`${PATH}fallback.failureThreshold: -1 must be an integer >= 0`);
  });
});

describe('scalingModifiers', () => {
  const modifiers = (m: any, triggers = [kafka({ name: 'lag' })]) => ({ advanced: { scalingModifiers: m }, triggers });

  test('formula and a target > 0 are required; Utilization is refused', () => {
    expect(error(modifiers({ formula: ' ', target: '1' }))).toBe(`${PATH}advanced.scalingModifiers.formula: " " must be a non-empty expression. `
      + 'For example "(lag + queue) / 2" over trigger names');
    expect(error(modifiers({ formula: 'lag', target: '0' }))).toBe(`${PATH}advanced.scalingModifiers.target: "0" must be a number > 0. For example "10"`);
    expect(error(modifiers({ formula: 'lag', target: 'ten' }))).toBe(`${PATH}advanced.scalingModifiers.target: "ten" must be a number > 0. For example "10"`);
    expect(error(modifiers({ formula: 'lag', target: '1', metricType: MetricType.UTILIZATION }))).toBe(
      `${PATH}advanced.scalingModifiers.metricType: "Utilization" must be AverageValue or Value`);
  });

  // keda#6655: 2.17 refuses a Value composite metric with fallback; 2.18.0 allows it.
  test('a Value composite metric with fallback needs KEDA 2.18.0', () => {
    const props = { ...modifiers({ formula: 'lag', target: '5', metricType: MetricType.VALUE }), fallback: { failureThreshold: 3, replicas: 2 } };
    expect(error({ ...props, release: KedaRelease.V2_17_1 })).toBe(`${PATH}advanced.scalingModifiers.metricType: "Value" with fallback needs KEDA 2.18.0 `
      + 'or later (keda#6655), but the release is KEDA 2.17.1. Use AverageValue, or KEDA 2.18.0 or later');
    expect(spec({ ...props, release: KedaRelease.V2_18_3 }).advanced.scalingModifiers.metricType).toBe('Value');
  });

  test('every trigger the formula uses must be named, and not cpu or memory', () => {
    const named = kafka({ name: 'lag' });
    const cpu = ScalerTrigger.cpu({ name: 'cpu', metricType: MetricType.UTILIZATION, value: '80' });
    expect(synthErrors(modifiers({ formula: 'max(lag, queue) + cpu * 0 + float("x") + 1e3', target: '5' }, [named, cpu]))).toEqual([
      `${PATH}advanced.scalingModifiers.formula: "max(lag, queue) + cpu * 0 + float(\\"x\\") + 1e3" uses queue, which is not the name of a trigger. `
      + 'Give the trigger it means name: "queue" (trigger names: lag, cpu)',
      `${PATH}advanced.scalingModifiers.formula: "max(lag, queue) + cpu * 0 + float(\\"x\\") + 1e3" uses cpu, a cpu trigger. `
      + 'KEDA evaluates formulas over external (non-cpu/memory) triggers only',
    ]);
    expect(synthErrors(modifiers({ formula: 'lag > 100 ? lag : 0', target: '5' }))).toEqual([]);
  });
});

describe('targets without pods', () => {
  test('minReplicas, idleReplicas, fallback replicas and pausedReplicas must be at least 1', () => {
    const props = { target: CONNECTOR };
    expect(error(props)).toBe(`${PATH}minReplicas: (not set) must be at least 1 because the target is a KafkaConnector: tasks are not pods. Set minReplicas: 1 or more`);
    expect(error({ ...props, minReplicas: 2, idleReplicas: 0 })).toBe(`${PATH}idleReplicas: 0 must be at least 1 because the target is a KafkaConnector: tasks are not pods`);
    expect(error({ ...props, minReplicas: 1, fallback: { failureThreshold: 3, replicas: 0 } })).toBe(
      `${PATH}fallback.replicas: 0 must be at least 1 because the target is a KafkaConnector: tasks are not pods`);
    expect(error({ ...props, minReplicas: 1, pausedReplicas: 0 })).toBe(`${PATH}pausedReplicas: 0 must be at least 1 because the target is a KafkaConnector: tasks are not pods`);
  });

  test('a scalingModifiers Value metric is refused', () => {
    expect(error({ target: CONNECTOR, minReplicas: 1, advanced: { scalingModifiers: { formula: 'lag', target: '1', metricType: MetricType.VALUE } }, triggers: [kafka({ name: 'lag' })] }))
      .toBe(`${PATH}advanced.scalingModifiers.metricType: "Value" cannot be used because the target is a KafkaConnector: tasks are not pods: the HPA counts pods for Value targets. Use AverageValue`);
  });
});
