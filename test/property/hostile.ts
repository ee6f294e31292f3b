import { App, Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  AclOperation, AclResource, Kafka, KafkaAuthorization, KafkaConnect, KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole,
  KafkaPlatform, KafkaStorage, KafkaTopic, KafkaUserAuthentication, KedaRelease, PluginArtifact, ScalerTrigger, ScaleTarget,
  TriggerAuthentication,
} from '../../src';
import { KEDA_VERSIONS, STRIMZI_VERSIONS, strimziRelease } from '../fixtures';

// Hostile input for the property tests (issue 11): values of every wrong JavaScript type, and
// strings that are not what a field takes, and the places in the API where they enter.

/** A cyclic object, a fresh one for each case. */
function cyclic(): unknown {
  const o: any = { a: 1 };
  o.self = o;
  return o;
}

/** Values no field of the library takes as they are (each must be refused where it is given). */
export const WRONG_TYPES: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 10n, 2n ** 70n, Symbol('s'), () => 1, new Date(0), new Map([['a', 1]])),
  fc.constant(0).map(() => cyclic()),
  fc.constant(0).map(() => JSON.parse('{"__proto__": {"polluted": "yes"}}')),
);

/**
 * Entries that turn the value into a string first (a key, a path segment): they test keys, and any
 * value's string can be a valid key.
 */
export const STRINGIFYING = ['Kafka config key', 'addOverride of a label', 'addOverride spec field'];

/** Numbers a manifest cannot hold or no field allows. */
const BAD_NUMBERS = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1, -0, 0.5, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 65536, 2 ** 31, 2 ** 63),
  fc.double({ noNaN: false }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
);

/** Strings that are names, or not: empty, upper case, too long, dots, slashes, prototype keys, YAML specials. */
const NAMEISH = fc.oneof(
  fc.constantFrom('', ' ', 'A', 'UPPER_case', 'a'.repeat(64), 'a'.repeat(254), '-a', 'a-', 'a..b', 'a/b', 'a b', '__proto__', 'constructor',
    'prototype', 'toString', 'hasOwnProperty', '<<', '*', '~', 'null', 'true', '3', '0x1f', '.', '..', 'a\nb', '\u0000', 'ä', '🙂', '{{x}}', '${x}'),
  fc.string({ maxLength: 70 }),
  fc.stringMatching(/^[a-z0-9.-]{1,70}$/),
);

/** Any hostile value: wrong types, bad numbers, odd strings, arrays where a string belongs, anything. */
export const HOSTILE: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: WRONG_TYPES },
  // null where optional fields are (null is a JSON value, though, where free-form config is), a
  // plain object where a factory's result belongs, an object without prototype
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, { type: 'ephemeral', _render: 'x' }, Object.create(null)) },
  { weight: 2, arbitrary: BAD_NUMBERS },
  { weight: 3, arbitrary: NAMEISH },
  { weight: 1, arbitrary: fc.array(NAMEISH, { maxLength: 3 }) },
  {
    weight: 2,
    arbitrary: fc.anything({
      withBigInt: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withSparseArray: true,
      withBoxedValues: true,
      withObjectString: true,
      maxDepth: 3,
    }),
  },
);

/** The cluster every hostile value is given to, on one fixture release. */
export interface Base {
  readonly app: App; readonly platform: KafkaPlatform; readonly kafka: Kafka; readonly topic: KafkaTopic; readonly connect: KafkaConnect;
}

export const releases = fc.record({ strimzi: fc.constantFrom(...STRIMZI_VERSIONS), keda: fc.constantFrom(...KEDA_VERSIONS) });

const THREE_BY_THREE = () => ({
  nodePools: [
    { name: 'controllers', roles: [KafkaNodeRole.CONTROLLER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10) }) },
    { name: 'brokers', roles: [KafkaNodeRole.BROKER], replicas: 3, storage: KafkaStorage.ephemeral() },
  ],
  listeners: [
    { name: 'plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false },
    { name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() },
    { name: 'scram', port: 9094, type: KafkaListenerType.CLUSTER_IP, tls: true, authentication: KafkaListenerAuthentication.scramSha512() },
  ],
});

export function base(r: { strimzi: string; keda: string }): Base {
  const app = Testing.app();
  const platform = new KafkaPlatform(app, 'p', { namespace: 'kafka', strimzi: strimziRelease(r.strimzi), keda: KedaRelease.of(r.keda), watchNamespaces: ['kafka', 'apps'] });
  const kafka = platform.addKafka('events', { ...THREE_BY_THREE(), authorization: KafkaAuthorization.simple() });
  const topic = kafka.addTopic('orders', { partitions: 6 });
  const connect = kafka.addConnect('sinks', { listener: 'scram' });
  return { app, platform, kafka, topic, connect };
}

const any = (v: unknown) => v as any;
/** The value as a key or path segment (an object without prototype has no string: then 'x'). */
const str = (v: unknown) => {
  try {
    return String(v);
  } catch {
    return 'x';
  }
};
// cdk8s's Size and Duration refuse negative amounts themselves (their own error, not ours to shape),
// and compare a Symbol with 0 (a TypeError in cdk8s): everything else goes to the library as it is.
const cdk8sAmount = (v: any) => (typeof v === 'number' ? Math.abs(v) : typeof v === 'symbol' ? 1 : v);
type Entry = (b: Base, v: any) => void;

const withKafka = (over: object): Entry => (b) => b.platform.addKafka('other', { ...THREE_BY_THREE(), name: 'other', ...over });
const pool = (over: object) => ({ name: 'x', roles: [KafkaNodeRole.BROKER, KafkaNodeRole.CONTROLLER], replicas: 1, storage: KafkaStorage.ephemeral(), ...over });
const listener = (over: object) => ({ name: 'x', port: 9200, type: KafkaListenerType.INTERNAL, tls: false, ...over });
const sink = (b: Base, over: object) => b.connect.addConnector('k', { className: 'io.example.Sink', topics: [b.topic], ...over });
const appsChart = (b: Base) => (b.app.node.tryFindChild('apps') as Chart | undefined) ?? new Chart(b.app, 'apps', { namespace: 'kafka' });
const consumer = (b: Base, over: object) => {
  const apps = appsChart(b);
  const deployment = new kplus.Deployment(apps, 'app', { metadata: { name: 'app' }, containers: [{ image: 'x', securityContext: { user: 1000 } }] });
  b.platform.addConsumerAutoscaling('app', { deployment, kafka: b.kafka, listener: 'tls', consumerGroup: 'g', topics: [b.topic], maxReplicas: 3, ...over });
};

/** The places where a user's value enters the library, each with the value put in one field. */
export const ENTRIES: { readonly [where: string]: Entry } = {
  'addKafka options': (b, v) => b.platform.addKafka('other', v),
  'addKafka id': (b, v) => b.platform.addKafka(v, { ...THREE_BY_THREE(), name: 'other' }),
  'Kafka name': (b, v) => withKafka({ name: v })(b, v),
  'Kafka namespace': (b, v) => withKafka({ namespace: v })(b, v),
  'Kafka kafkaVersion': (b, v) => withKafka({ kafkaVersion: v })(b, v),
  'Kafka metadataVersion': (b, v) => withKafka({ metadataVersion: v })(b, v),
  'Kafka nodePools': (b, v) => withKafka({ nodePools: v })(b, v),
  'node pool name': (b, v) => withKafka({ nodePools: [pool({ name: v })] })(b, v),
  'node pool roles': (b, v) => withKafka({ nodePools: [pool({ roles: v })] })(b, v),
  'node pool replicas': (b, v) => withKafka({ nodePools: [pool({ replicas: v })] })(b, v),
  'node pool storage': (b, v) => withKafka({ nodePools: [pool({ storage: v })] })(b, v),
  'storage size': (b, v) => withKafka({ nodePools: [pool({ storage: KafkaStorage.persistentClaim({ size: v }) })] })(b, v),
  'storage size in GiB': (b, v) => withKafka({ nodePools: [pool({ storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(cdk8sAmount(v)) }) })] })(b, v),
  'storage class': (b, v) => withKafka({ nodePools: [pool({ storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(1), storageClass: v }) })] })(b, v),
  'jbod volumes': (b, v) => withKafka({ nodePools: [pool({ storage: KafkaStorage.jbod(v) })] })(b, v),
  'ephemeral sizeLimit in MiB': (b, v) => withKafka({ nodePools: [pool({ storage: KafkaStorage.ephemeral({ sizeLimit: Size.mebibytes(cdk8sAmount(v)) }) })] })(b, v),
  'Kafka listeners': (b, v) => withKafka({ listeners: v })(b, v),
  'listener name': (b, v) => b.kafka.addListener(listener({ name: v })),
  'listener port': (b, v) => b.kafka.addListener(listener({ port: v })),
  'listener type': (b, v) => b.kafka.addListener(listener({ type: v })),
  'listener tls': (b, v) => b.kafka.addListener(listener({ tls: v })),
  'listener authentication': (b, v) => b.kafka.addListener(listener({ tls: true, authentication: v })),
  'listener configuration': (b, v) => b.kafka.addListener(listener({ configuration: v })),
  'custom listener authentication': (b, v) => b.kafka.addListener(listener({ tls: true, authentication: KafkaListenerAuthentication.custom(v) })),
  'Kafka config': (b, v) => withKafka({ config: v })(b, v),
  'Kafka config value': (b, v) => withKafka({ config: { 'log.retention.hours': v } })(b, v),
  'Kafka config key': (b, v) => withKafka({ config: { [str(v)]: 1 } })(b, v),
  'Kafka authorization': (b, v) => withKafka({ authorization: v })(b, v),
  'simple authorization superUsers': (b, v) => withKafka({ authorization: KafkaAuthorization.simple({ superUsers: v }) })(b, v),
  'Kafka rack': (b, v) => withKafka({ rack: v })(b, v),
  'Kafka entityOperator': (b, v) => withKafka({ entityOperator: v })(b, v),
  'Kafka cruiseControl config': (b, v) => withKafka({ cruiseControl: { config: v } })(b, v),
  'addTopic id': (b, v) => b.kafka.addTopic(v, {}),
  'topic options': (b, v) => b.kafka.addTopic('t', v),
  'topic name': (b, v) => b.kafka.addTopic('t', { name: v }),
  'topic topicName': (b, v) => b.kafka.addTopic('t', { topicName: v }),
  'topic partitions': (b, v) => b.kafka.addTopic('t', { partitions: v }),
  'topic replicas': (b, v) => b.kafka.addTopic('t', { replicas: v }),
  'topic config': (b, v) => b.kafka.addTopic('t', { config: v }),
  'topic config value': (b, v) => b.kafka.addTopic('t', { config: { 'retention.ms': v } }),
  'addUser id': (b, v) => b.kafka.addUser(v, {}),
  'user name': (b, v) => b.kafka.addUser('u', { name: v }),
  'user authentication': (b, v) => b.kafka.addUser('u', { authentication: v }),
  'scram password ref': (b, v) => b.kafka.addUser('u', { authentication: KafkaUserAuthentication.scramSha512({ password: v }) }),
  'user acls': (b, v) => b.kafka.addUser('u', { acls: v }),
  'acl topic name': (b, v) => b.kafka.addUser('u', { acls: [{ resource: AclResource.topic(v), operations: [AclOperation.READ] }] }),
  'acl operations': (b, v) => b.kafka.addUser('u', { acls: [{ resource: AclResource.topic('t'), operations: v }] }),
  'acl host': (b, v) => b.kafka.addUser('u', { acls: [{ resource: AclResource.cluster(), operations: [AclOperation.DESCRIBE], host: v }] }),
  'user quotas': (b, v) => b.kafka.addUser('u', { quotas: v }),
  'user quota value': (b, v) => b.kafka.addUser('u', { quotas: { requestPercentage: v } }),
  'addConnect id': (b, v) => b.kafka.addConnect(v, { listener: 'plain' }),
  'connect name': (b, v) => b.kafka.addConnect('c', { name: v, listener: 'plain' }),
  'connect listener': (b, v) => b.kafka.addConnect('c', { listener: v }),
  'connect replicas': (b, v) => b.kafka.addConnect('c', { listener: 'plain', replicas: v }),
  'connect version': (b, v) => b.kafka.addConnect('c', { listener: 'plain', version: v }),
  'connect user': (b, v) => b.kafka.addConnect('c', { listener: 'scram', user: v }),
  'connect groupId': (b, v) => b.kafka.addConnect('c', { listener: 'plain', groupId: v }),
  'connect config': (b, v) => b.kafka.addConnect('c', { listener: 'plain', config: v }),
  'connect image': (b, v) => b.kafka.addConnect('c', { listener: 'plain', image: v }),
  'connect imageBuild': (b, v) => b.kafka.addConnect('c', { listener: 'plain', imageBuild: v }),
  'plugin artifact url': (b, v) => b.kafka.addConnect('c', { listener: 'plain', imageBuild: { output: any(undefined), plugins: [{ name: 'p', artifacts: [PluginArtifact.jar(v)] }] } }),
  'connect resources': (b, v) => b.kafka.addConnect('c', { listener: 'plain', resources: v }),
  'connect jvmOptions': (b, v) => b.kafka.addConnect('c', { listener: 'plain', jvmOptions: v }),
  'connect autoscaling': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: v }),
  'connect autoscaling maxReplicas': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: v } }),
  'connect autoscaling lagThreshold': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, lagThreshold: v } }),
  'connect autoscaling pollingInterval': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, pollingInterval: v } }),
  'connect autoscaling cooldownPeriod': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, minReplicas: 0, cooldownPeriod: v } }),
  'connect autoscaling cooldown seconds': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, minReplicas: 0, cooldownPeriod: Duration.seconds(cdk8sAmount(v)) } }),
  'connect autoscaling credentialsRevision': (b, v) => b.kafka.addConnect('c', { listener: 'tls', autoscaling: { maxReplicas: 1, credentialsRevision: v } }),
  'connect autoscaling fallback': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, fallback: v } }),
  'connect autoscaling behavior': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, behavior: v } }),
  'connect autoscaling triggers': (b, v) => b.kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 1, triggers: v } }),
  'addConnector id': (b, v) => b.connect.addConnector(v, { className: 'io.example.Source' }),
  'connector name': (b, v) => sink(b, { name: v }),
  'connector className': (b, v) => sink(b, { className: v }),
  'connector topics': (b, v) => sink(b, { topics: v }),
  'connector tasksMax': (b, v) => sink(b, { tasksMax: v }),
  'connector state': (b, v) => sink(b, { state: v }),
  'connector config': (b, v) => sink(b, { config: v }),
  'connector config value': (b, v) => sink(b, { config: { 'flush.size': v } }),
  'connector autoRestart': (b, v) => sink(b, { autoRestart: v }),
  'connector autoscaling': (b, v) => sink(b, { autoscaling: v }),
  'connector autoscaling maxTasks': (b, v) => sink(b, { autoscaling: { maxTasks: v } }),
  'connector autoscaling minTasks': (b, v) => sink(b, { autoscaling: { maxTasks: 4, minTasks: v } }),
  'connector autoscaling offsetResetPolicy': (b, v) => sink(b, { autoscaling: { maxTasks: 4, offsetResetPolicy: v } }),
  'consumer options': (b, v) => b.platform.addConsumerAutoscaling('app', v),
  'consumer id': (b, v) => b.platform.addConsumerAutoscaling(v, { target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'kafka' }), kafka: b.kafka, consumerGroup: 'g', topics: ['t'], maxReplicas: 1 }),
  'consumer group': (b, v) => consumer(b, { consumerGroup: v }),
  'consumer topics': (b, v) => consumer(b, { topics: v }),
  'consumer maxReplicas': (b, v) => consumer(b, { maxReplicas: v }),
  'consumer minReplicas': (b, v) => consumer(b, { minReplicas: v }),
  'consumer deployment': (b, v) => consumer(b, { deployment: v }),
  'consumer kafka': (b, v) => consumer(b, { kafka: v }),
  'consumer listener': (b, v) => consumer(b, { listener: v }),
  'consumer authentication': (b, v) => consumer(b, { authentication: v }),
  'consumer name': (b, v) => consumer(b, { name: v }),
  'consumer target': (b, v) => consumer(b, { deployment: undefined, target: v }),
  'scale target props': (b, v) => consumer(b, { deployment: undefined, target: ScaleTarget.of(v) }),
  'scale target name': (b, v) => consumer(b, { deployment: undefined, target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: v, namespace: 'kafka' }) }),
  'prometheus trigger': (b, v) => consumer(b, { triggers: [ScalerTrigger.prometheus(v)] }),
  'prometheus threshold': (b, v) => consumer(b, { triggers: [ScalerTrigger.prometheus({ serverAddress: 'http://p:9090', query: 'up', threshold: v })] }),
  'generic trigger metadata': (b, v) => consumer(b, { triggers: [ScalerTrigger.generic({ type: 'cron', metadata: v })] }),
  'generic trigger type': (b, v) => consumer(b, { triggers: [ScalerTrigger.generic({ type: v, metadata: {} })] }),
  'cpu trigger value': (b, v) => consumer(b, { triggers: [ScalerTrigger.cpu({ metricType: any('Utilization'), value: v })] }),
  'trigger authentication secretTargetRefs': (b, v) => consumer(b, { authentication: new TriggerAuthentication(appsChart(b), 'auth', { release: b.platform.keda!, secretTargetRefs: v }) }),
  // Names given twice, or like the names the library gives what it creates.
  'two topics with one name': (b, v) => ['t1', 't2'].forEach(id => b.kafka.addTopic(id, { name: v })),
  'two users with one name': (b, v) => ['u1', 'u2'].forEach(id => b.kafka.addUser(id, { name: v })),
  'two autoscaled Connect clusters with one name': (b, v) => ['c1', 'c2'].forEach(id => b.kafka.addConnect(id, { name: v, listener: 'tls', replicas: 1, autoscaling: { maxReplicas: 1 } })
    .addConnector('k', { className: 'io.example.Sink', topics: [b.topic] })),
  'user named like the generated KEDA user': (b, v) => {
    b.kafka.addUser(`keda-${str(v)}`, {});
    consumer(b, { listener: str(v) });
  },
  'connector tasks named like a user\'s': (b, v) => {
    b.kafka.addUser(str(v), {});
    sink(b, { name: str(v), autoscaling: { maxTasks: 2 } });
  },
  'addOverride path': (b, v) => b.kafka.addOverride(v, 'x'),
  'addOverride value': (b, v) => b.kafka.addOverride('spec.kafka.template.pod.priorityClassName', v),
  'addOverride of a label': (b, v) => b.topic.addOverride(`metadata.labels.${str(v)}`, 'x'),
  'addOverride label value': (b, v) => b.topic.addOverride('metadata.labels.app', v),
  'addOverride metadata name': (b, v) => b.topic.addOverride('metadata.name', v),
  'addOverride metadata namespace': (b, v) => b.connect.addOverride('metadata.namespace', v),
  'addOverride spec field': (b, v) => b.connect.addOverride(`spec.${str(v)}`, 1),
  'KedaRelease.of': (b, v) => consumer(b, { deployment: undefined, target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'kafka' }), authentication: new TriggerAuthentication(appsChart(b), 'auth', { release: KedaRelease.of(v) }) }),
  'platform id': (b, v) => new KafkaPlatform(b.app, v, { namespace: 'kafka2', strimzi: b.platform.strimzi }),
  'platform namespace': (b, v) => new KafkaPlatform(b.app, 'q', { namespace: v, strimzi: b.platform.strimzi }),
  'platform watchNamespaces': (b, v) => new KafkaPlatform(b.app, 'q', { namespace: 'q', strimzi: b.platform.strimzi, watchNamespaces: v }),
  'platform operator': (b, v) => new KafkaPlatform(b.app, 'q', { namespace: 'q', strimzi: b.platform.strimzi, operator: v }),
  'platform keda': (b, v) => new KafkaPlatform(b.app, 'q', { namespace: 'q', strimzi: b.platform.strimzi, keda: v }),
  'platform strimzi': (b, v) => new KafkaPlatform(b.app, 'q', { namespace: 'q', strimzi: v }),
};

// Release factories run before any construct exists, so their errors name the factory call instead of
// a construct path: `KedaRelease.of("a"): not a KEDA version...`, `StrimziRelease.fromFile("x"): ...`.
const KNOWN_ELSEWHERE = [/^(KedaRelease|StrimziRelease)\.(of|fromDirectory|fromFile|fromUrl)\(.*?\): /s];

/** Where the library's own errors come from: `[path] field: ...`, or cdk8s's list of validation errors in that shape. */
export function isOwnError(e: unknown): boolean {
  if (!(e instanceof Error) || e.constructor !== Error) {
    return false; // TypeError, RangeError, ...
  }
  const own = /^\[[^\n]+?\] [^\n]*?: /;
  const validation = 'Validation failed with the following errors:\n';
  if (e.message.startsWith(validation)) {
    const lines = e.message.slice(validation.length).split('\n  ').map(l => l.trim());
    return lines.every(l => own.test(l));
  }
  if (KNOWN_ELSEWHERE.some(re => re.test(e.message))) {
    return true;
  }
  return own.test(e.message) && !/There is already a Construct|Maximum call stack|is not a function|Cannot read propert|Cannot convert/.test(e.message);
}

/** The output of the app, with the CRD stage left out (see synthYaml in arbitraries.ts). */
export function synthAll(b: Base): string {
  const errors = b.app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
  return Yaml.stringify(...b.app.charts.filter(c => !c.node.id.endsWith('-crds')).flatMap(c => c.toJson()));
}
