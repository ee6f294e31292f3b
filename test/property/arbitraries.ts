import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import {
  AclOperation, AclResource, Kafka, KafkaAuthorization, KafkaConnectorState, KafkaListenerAuthentication, KafkaListenerType,
  KafkaNodeRole, KafkaPlatform, KafkaStorage, KafkaTopic, KafkaUserAuthentication, KedaRelease, ScalerTrigger, ScaleTarget,
} from '../../src';
import { Version } from '../../src/common/version';
import { CrdSchemas } from '../conformance/crd-schema';
import { KEDA_DIR, KEDA_VERSIONS, STRIMZI_VERSIONS, strimziRelease } from '../fixtures';

// The shared pieces of the property tests (issue 11): how many cases a run tries, random
// declarations as plain data (so that fast-check can shrink and print them), and the function that
// turns one into a KafkaPlatform.
//
// How many cases: FC_NUM_RUNS (default below, sized so that test/property stays well under a minute
// on a 2-core CI machine); which cases: FC_SEED (default fixed, so CI runs are reproducible). On a
// failure fast-check prints the seed and the path of the smallest failing case: rerun it with
// FC_SEED=<seed> (FC_PATH=<path> replays just that case), or run many more cases locally:
//   FC_NUM_RUNS=2000 npx jest test/property --coverage=false
// At the default, the folder runs about 380 cases in about 30 s on a 2-core machine (measured
// 2026-12-05 under load from other jobs); the valid declarations take most of it.

/** The number of cases of one property by default; `scale` for properties that cost more or less than one synthesis. */
export function runs(scale = 1): fc.Parameters<unknown> {
  const env = process.env.FC_NUM_RUNS;
  const base = env === undefined || env === '' ? DEFAULT_RUNS : Number(env);
  if (!Number.isSafeInteger(base) || base < 1) {
    throw new Error(`FC_NUM_RUNS=${env} must be a positive integer`);
  }
  const seedEnv = process.env.FC_SEED;
  const seed = seedEnv === undefined || seedEnv === '' ? DEFAULT_SEED : Number(seedEnv);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`FC_SEED=${seedEnv} must be an integer`);
  }
  // FC_PATH replays one case: the `path` fast-check printed with the seed.
  const replay = process.env.FC_PATH || undefined;
  return { numRuns: Math.max(1, Math.round(base * scale)), seed, path: replay, endOnFailure: false };
}

/** Cases per property in CI: a valid case builds and synthesizes a platform twice (about 0.3 s here). */
export const DEFAULT_RUNS = 40;
/** Fixed, so a CI failure is reproducible; any FC_SEED explores other cases. */
export const DEFAULT_SEED = 20261105;

// ---------------------------------------------------------------------------------------------
// Declarations as data

export type ListenerAuth = 'none' | 'tls' | 'scram';
export interface ListenerDecl {
  name: string; port: number; type: KafkaListenerType; tls: boolean; auth: ListenerAuth; configuration?: { [key: string]: any };
}
export interface PoolDecl { name: string; roles: KafkaNodeRole[]; replicas: number; storage: 'ephemeral' | 'claim' | 'jbod'; sizeGi: number }
export interface TopicDecl { name: string; partitions: number; replicas: number; retentionMs?: number }
export interface UserDecl { name: string; auth: 'tls' | 'scram' | 'scram-secret' | 'none'; acls: boolean; quota?: number }
export interface ConnectorDecl {
  name: string; sink: boolean; topics: number[]; tasksMax?: number; state?: KafkaConnectorState; scaled?: { minTasks: number; maxTasks: number };
}
export interface ConnectDecl {
  name: string; listener: number; replicas: number; scaled?: { min: number; max: number; lag: number }; connectors: ConnectorDecl[];
}
export interface ConsumerDecl {
  name: string; group: string; topics: number[]; max: number; viaDeployment: boolean; listener: number; prometheus: boolean;
}
export interface OverrideDecl { label: string; value: string }
/** An override of a typed spec field of the Kafka (`path`) or of a free-form topic config key with a dot in it. */
export interface SpecOverrideDecl { path: string; value: string | number; topicConfig: boolean }
export interface PlatformDecl {
  strimzi: string;
  keda?: string;
  kafkaName: string;
  pools: PoolDecl[];
  listeners: ListenerDecl[];
  simpleAuthz: boolean;
  retentionHours?: number;
  topics: TopicDecl[];
  users: UserDecl[];
  connects: ConnectDecl[];
  consumers: ConsumerDecl[];
  overrides: OverrideDecl[];
  specOverrides: SpecOverrideDecl[];
}

/** A lowercase RFC 1035 label of 1 to `max` characters. */
export function label(max = 12): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.stringMatching(/^[a-z0-9-]{0,20}$/))
    .map(([a, rest]) => `${a}${rest}`.slice(0, max).replace(/-+$/, ''));
}

/** `n` distinct labels, with a prefix so they never clash with names the library generates. */
function names(prefix: string, min: number, max: number, len = 8): fc.Arbitrary<string[]> {
  return fc.uniqueArray(label(len), { minLength: min, maxLength: max }).map(xs => xs.map(x => `${prefix}${x}`));
}

const CLIENT_LISTENER_TYPES = [KafkaListenerType.INTERNAL, KafkaListenerType.CLUSTER_IP];
// Exposed outside the cluster: route, ingress and tlsroute pass TLS through (tls: true), and tlsroute
// exists from Strimzi 1.1.0 on.
const TLS_ONLY_LISTENER_TYPES = [KafkaListenerType.ROUTE, KafkaListenerType.INGRESS, KafkaListenerType.TLSROUTE];
function otherListenerTypes(strimzi: string): KafkaListenerType[] {
  return [KafkaListenerType.NODEPORT, KafkaListenerType.LOADBALANCER, KafkaListenerType.ROUTE, KafkaListenerType.INGRESS,
    ...(below(strimzi, '1.1.0') ? [] : [KafkaListenerType.TLSROUTE])];
}

const below = (strimzi: string, version: string) => Version.tryParse(strimzi)!.isBelow(version);

/**
 * A `configuration` the Kafka CRD accepts for the listener type, with random host names, as plain
 * objects (fast-check's records have no prototype, which the library refuses in free-form values).
 */
function listenerConfiguration(type: KafkaListenerType, strimzi: string): fc.Arbitrary<{ [key: string]: any } | undefined> {
  return configurationOf(type, strimzi).map(c => (c === undefined ? undefined : JSON.parse(JSON.stringify(c))));
}

// Fields as the Kafka CRD of the release has them: allocateLoadBalancerNodePorts from 0.45.0,
// parentRefs from 1.2.0 (the fixture releases).
function configurationOf(type: KafkaListenerType, strimzi: string): fc.Arbitrary<{ [key: string]: any } | undefined> {
  const host = label(20).map(l => `${l}.example.com`);
  switch (type) {
    case KafkaListenerType.INGRESS:
      return fc.record({ class: fc.constant('nginx'), bootstrap: fc.record({ host }), brokers: fc.tuple(host).map(([h]) => [{ broker: 0, host: h }]) });
    case KafkaListenerType.ROUTE:
      return fc.option(fc.record({ bootstrap: fc.record({ host }) }), { nil: undefined });
    case KafkaListenerType.TLSROUTE:
      return below(strimzi, '1.2.0') ? fc.constant(undefined) : fc.record({ parentRefs: fc.tuple(label(20)).map(([name]) => [{ name, namespace: 'gateways', sectionName: 'tls' }]) });
    case KafkaListenerType.LOADBALANCER:
      return below(strimzi, '0.45.0') ? fc.constant(undefined) : fc.option(fc.record({ allocateLoadBalancerNodePorts: fc.boolean() }), { nil: undefined });
    default:
      return fc.constant(undefined);
  }
}

function listenerArb(name: string, port: number, client: boolean, strimzi: string): fc.Arbitrary<ListenerDecl> {
  return fc.record({
    type: fc.constantFrom(...(client ? CLIENT_LISTENER_TYPES : otherListenerTypes(strimzi))),
    tls: fc.boolean(),
    auth: fc.constantFrom<ListenerAuth>('none', 'tls', 'scram'),
  }).chain(l => listenerConfiguration(l.type, strimzi).map(configuration => ({
    name, port, ...l, tls: l.tls || l.auth === 'tls' || TLS_ONLY_LISTENER_TYPES.includes(l.type), configuration,
  })));
}

function listenersArb(strimzi: string): fc.Arbitrary<ListenerDecl[]> {
  return fc.tuple(
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), { minLength: 1, maxLength: 4 }),
    fc.uniqueArray(fc.integer({ min: 9092, max: 9400 }), { minLength: 4, maxLength: 4 }),
  ).chain(([ns, ports]) => fc.tuple(...ns.map((n, i) => listenerArb(n, ports[i], i === 0 || i % 2 === 1, strimzi))));
}

// Typed Kafka spec fields that every fixture release has (the Kafka CRD's `template`), and a topic
// config key with a dot, written with `\.` in the override path.
const specOverrideArb: fc.Arbitrary<SpecOverrideDecl> = fc.oneof(
  label(30).map(v => ({ path: 'spec.kafka.template.pod.priorityClassName', value: v, topicConfig: false })),
  fc.integer({ min: 0, max: 600 }).map(v => ({ path: 'spec.kafka.template.pod.terminationGracePeriodSeconds', value: v, topicConfig: false })),
  fc.integer({ min: 0, max: 3 }).map(v => ({ path: 'spec.kafka.template.podDisruptionBudget.maxUnavailable', value: v, topicConfig: false })),
  fc.constantFrom('compact', 'delete').map(v => ({ path: 'spec.config.cleanup\\.policy', value: v, topicConfig: true })),
);

const poolsArb: fc.Arbitrary<PoolDecl[]> = fc.tuple(
  names('p', 1, 3, 6),
  fc.constantFrom('dual', 'split'),
).chain(([ns, layout]) => fc.tuple(...ns.map((name, i) => fc.record({
  name: fc.constant(name),
  roles: fc.constant<KafkaNodeRole[]>(layout === 'dual' && i === 0 ? [KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER]
    : i === 0 ? [KafkaNodeRole.CONTROLLER] : [KafkaNodeRole.BROKER]),
  replicas: fc.integer({ min: 1, max: 5 }),
  storage: fc.constantFrom<PoolDecl['storage']>('ephemeral', 'claim', 'jbod'),
  sizeGi: fc.integer({ min: 1, max: 4096 }),
}))).map(pools => (pools.some(p => p.roles.includes(KafkaNodeRole.BROKER)) ? pools
  : [...pools, { name: 'pbrokers', roles: [KafkaNodeRole.BROKER], replicas: 1, storage: 'ephemeral' as const, sizeGi: 1 }])));

const topicsArb = names('t', 0, 4).chain(ns => fc.tuple(...ns.map(name => fc.record({
  name: fc.constant(name),
  partitions: fc.integer({ min: 1, max: 64 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  retentionMs: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }),
}))));

const usersArb = names('u', 0, 3).chain(ns => fc.tuple(...ns.map(name => fc.record({
  name: fc.constant(name),
  auth: fc.constantFrom<UserDecl['auth']>('tls', 'scram', 'scram-secret', 'none'),
  acls: fc.boolean(),
  quota: fc.option(fc.integer({ min: 0, max: 2 ** 31 }), { nil: undefined }),
}))));

function connectorArb(name: string, withKeda: boolean): fc.Arbitrary<ConnectorDecl> {
  return fc.record({
    name: fc.constant(name),
    sink: fc.boolean(),
    topics: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
    tasksMax: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    state: fc.option(fc.constantFrom(KafkaConnectorState.RUNNING, KafkaConnectorState.PAUSED, KafkaConnectorState.STOPPED), { nil: undefined }),
    scaled: withKeda
      ? fc.option(fc.record({ minTasks: fc.integer({ min: 1, max: 4 }), maxTasks: fc.integer({ min: 1, max: 32 }) }), { nil: undefined })
      : fc.constant(undefined),
  });
}

function connectsArb(withKeda: boolean): fc.Arbitrary<ConnectDecl[]> {
  return names('c', 0, 2, 10).chain(ns => fc.tuple(...ns.map(name => fc.record({
    name: fc.constant(name),
    listener: fc.nat(),
    replicas: fc.integer({ min: 0, max: 6 }),
    scaled: withKeda
      ? fc.option(fc.record({ min: fc.integer({ min: 0, max: 3 }), max: fc.integer({ min: 1, max: 12 }), lag: fc.integer({ min: 1, max: 10_000 }) }),
        { nil: undefined })
      : fc.constant(undefined),
    connectors: names('k', 0, 3, 10).chain(cs => fc.tuple(...cs.map(c => connectorArb(c, withKeda)))),
  }))));
}

function consumersArb(withKeda: boolean): fc.Arbitrary<ConsumerDecl[]> {
  return withKeda ? names('a', 0, 2).chain(ns => fc.tuple(...ns.map(name => fc.record({
    name: fc.constant(name),
    group: fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/),
    topics: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
    max: fc.integer({ min: 1, max: 20 }),
    viaDeployment: fc.boolean(),
    listener: fc.nat(),
    prometheus: fc.boolean(),
  })))) : fc.constant([]);
}

/** A valid platform declaration on one of the fixture releases (with KEDA or without). */
export const platformDecl: fc.Arbitrary<PlatformDecl> = fc.record({
  strimzi: fc.constantFrom(...STRIMZI_VERSIONS),
  keda: fc.option(fc.constantFrom(...KEDA_VERSIONS), { nil: undefined, freq: 4 }),
}).chain(({ strimzi, keda }) => fc.record({
  strimzi: fc.constant(strimzi),
  keda: fc.constant(keda),
  kafkaName: label(20),
  pools: poolsArb,
  listeners: listenersArb(strimzi),
  simpleAuthz: fc.boolean(),
  retentionHours: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  topics: topicsArb,
  users: usersArb,
  connects: connectsArb(keda !== undefined),
  consumers: consumersArb(keda !== undefined),
  overrides: fc.uniqueArray(fc.record({ label: label(20), value: fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/) }),
    { maxLength: 3, selector: o => o.label }),
  specOverrides: fc.uniqueArray(specOverrideArb, { maxLength: 3, selector: o => o.path }),
}));

// ---------------------------------------------------------------------------------------------
// Building a declaration

/** What the app of one declaration is made of. */
export interface Built { readonly app: App; readonly platform: KafkaPlatform; readonly kafka: Kafka }

const clientListeners = (d: PlatformDecl) => d.listeners.filter(l => CLIENT_LISTENER_TYPES.includes(l.type));

function listenerAuth(l: ListenerDecl): KafkaListenerAuthentication | undefined {
  return l.auth === 'tls' ? KafkaListenerAuthentication.tls() : l.auth === 'scram' ? KafkaListenerAuthentication.scramSha512() : undefined;
}

function storage(p: PoolDecl): KafkaStorage {
  const claim = () => KafkaStorage.persistentClaim({ size: Size.gibibytes(p.sizeGi), kraftMetadata: true });
  return p.storage === 'ephemeral' ? KafkaStorage.ephemeral() : p.storage === 'claim' ? claim()
    : KafkaStorage.jbod([claim(), KafkaStorage.persistentClaim({ size: Size.mebibytes(p.sizeGi * 10) })]);
}

function userAuth(u: UserDecl): KafkaUserAuthentication | undefined {
  switch (u.auth) {
    case 'tls': return KafkaUserAuthentication.tls();
    case 'scram': return KafkaUserAuthentication.scramSha512();
    case 'scram-secret': return KafkaUserAuthentication.scramSha512({ password: { secretName: `${u.name}-password`, key: 'password' } });
    default: return undefined;
  }
}

/**
 * Values a secret would have, given literally where free-form input could carry them (no API of the
 * library takes a secret's value: declarations refer to Secrets by name and key). None of them may
 * appear in any output.
 */
export const SECRET_MARKERS = {
  password: 'pw-MARKER-3f9a1c',
  jaas: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="jaas-MARKER-77aa";',
  eventHub: 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=EH-MARKER-c0ffee=',
  sasToken: 'sv=2022-11-02&ss=b&srt=sco&sp=rl&sig=SAS-MARKER-b16b00b5',
  pem: '-----BEGIN PRIVATE KEY-----\nPEM-MARKER-d00d\n-----END PRIVATE KEY-----',
};

/** Builds the declaration in a fresh app; throws what the library throws. */
export function build(d: PlatformDecl): Built {
  const app = Testing.app();
  const platform = new KafkaPlatform(app, 'p', {
    namespace: 'kafka', strimzi: strimziRelease(d.strimzi), keda: d.keda === undefined ? undefined : KedaRelease.of(d.keda), watchNamespaces: ['kafka', 'apps'],
  });
  const brokers = d.pools.filter(p => p.roles.includes(KafkaNodeRole.BROKER)).reduce((n, p) => n + p.replicas, 0);
  const kafka = platform.addKafka('events', {
    name: d.kafkaName,
    nodePools: d.pools.map(p => ({ name: p.name, roles: p.roles, replicas: p.replicas, storage: storage(p) })),
    listeners: d.listeners.map(l => ({
      name: l.name, port: l.port, type: l.type, tls: l.tls, authentication: listenerAuth(l), configuration: l.configuration,
    })),
    authorization: d.simpleAuthz ? KafkaAuthorization.simple() : undefined,
    config: d.retentionHours === undefined ? undefined : { 'log.retention.hours': d.retentionHours },
  });
  const topics = d.topics.map(t => kafka.addTopic(t.name, { partitions: t.partitions, replicas: Math.min(t.replicas, brokers), config: t.retentionMs ? { 'retention.ms': t.retentionMs } : undefined }));
  const topicAt = (i: number): KafkaTopic | string => topics[i] ?? `ext-${i}`;
  for (const u of d.users) {
    kafka.addUser(u.name, {
      authentication: userAuth(u),
      acls: u.acls && d.simpleAuthz ? [{ resource: AclResource.topic(topics[0]?.topicName ?? 'orders'), operations: [AclOperation.READ, AclOperation.DESCRIBE] }] : undefined,
      quotas: u.quota === undefined ? undefined : { producerByteRate: u.quota },
    });
  }
  for (const c of d.connects) {
    buildConnect(d, kafka, c, topicAt);
  }
  buildConsumers(d, app, platform, kafka, topicAt);
  for (const o of d.overrides) {
    kafka.addOverride(`metadata.labels.${o.label}`, o.value);
  }
  for (const o of d.specOverrides) {
    if (!o.topicConfig) {
      kafka.addOverride(o.path, o.value);
    } else if (topics.length > 0) {
      topics[0].addOverride(o.path, o.value);
    }
  }
  return { app, platform, kafka };
}

const partitionsOf = (topics: Array<KafkaTopic | string>) =>
  topics.map(t => (typeof t === 'string' ? undefined : t.partitions));

function buildConnect(d: PlatformDecl, kafka: Kafka, c: ConnectDecl, topicAt: (i: number) => KafkaTopic | string): void {
  const listeners = clientListeners(d);
  const listener = listeners[c.listener % listeners.length];
  // The workers scale between min and max on the lag of the sinks: the declaration keeps max within
  // the tasks and partitions that bound it (the library refuses more, on purpose).
  const sinks = c.connectors.filter(k => k.sink);
  const taskCap = c.connectors.reduce((n, k) => n + (taskPlan(k, topicAt)?.maxTasks ?? k.tasksMax ?? 1), 0);
  const partitionCaps = sinks.map(k => partitionsOf(k.topics.map(topicAt)));
  const partitionCap = partitionCaps.some(p => p.includes(undefined)) ? Infinity
    : Math.max(...partitionCaps.map(p => (p as number[]).reduce((a, b) => a + b, 0)));
  const scaled = c.scaled && sinks.length > 0 ? c.scaled : undefined;
  const max = scaled ? Math.max(1, Math.min(scaled.max, taskCap, partitionCap)) : 0;
  const min = scaled ? Math.min(scaled.min, max) : 0;
  const connect = kafka.addConnect(c.name, {
    listener: listener.name,
    replicas: scaled ? Math.min(Math.max(c.replicas, Math.max(min, 1)), max) : c.replicas,
    autoscaling: scaled ? { minReplicas: min, maxReplicas: max, lagThreshold: scaled.lag } : undefined,
  });
  for (const k of c.connectors) {
    const plan = taskPlan(k, topicAt);
    connect.addConnector(k.name, {
      className: k.sink ? 'io.example.Sink' : 'io.example.Source',
      topics: k.sink ? k.topics.map(topicAt) : undefined,
      tasksMax: plan ? plan.minTasks : k.tasksMax,
      state: k.state,
      autoscaling: plan,
    });
  }
}

/** The task autoscaling of a sink connector, within the partitions of its topics unless consumers may idle. */
function taskPlan(k: ConnectorDecl, topicAt: (i: number) => KafkaTopic | string) {
  if (!k.sink || !k.scaled) {
    return undefined;
  }
  const caps = partitionsOf(k.topics.map(topicAt));
  const partitionMax = caps.includes(undefined) ? Infinity : (caps as number[]).reduce((a, b) => a + b, 0);
  const maxTasks = Math.max(k.scaled.minTasks, Math.min(k.scaled.maxTasks, partitionMax));
  return { minTasks: k.scaled.minTasks, maxTasks, allowIdleConsumers: maxTasks > partitionMax || undefined };
}

function buildConsumers(d: PlatformDecl, app: App, platform: KafkaPlatform, kafka: Kafka, topicAt: (i: number) => KafkaTopic | string): void {
  if (d.consumers.length === 0) {
    return;
  }
  const apps = new Chart(app, 'apps', { namespace: 'kafka' });
  const listeners = clientListeners(d);
  for (const c of d.consumers) {
    const topics = c.topics.map(topicAt);
    const caps = partitionsOf(topics);
    // One trigger per topic, and the HPA follows the largest.
    const partitions = caps.includes(undefined) ? Infinity : Math.max(...caps as number[]);
    const target = c.viaDeployment
      ? { deployment: new kplus.Deployment(apps, c.name, { metadata: { name: c.name }, containers: [{ image: 'registry.example.com/app:1', securityContext: { user: 1000 } }] }) }
      : { target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: c.name, namespace: 'kafka' }) };
    platform.addConsumerAutoscaling(c.name, {
      ...target,
      kafka,
      listener: listeners[c.listener % listeners.length].name,
      consumerGroup: c.group,
      topics,
      maxReplicas: Math.min(c.max, partitions),
      pollingInterval: Duration.seconds(30),
      triggers: c.prometheus ? [ScalerTrigger.prometheus({ serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(up)', threshold: 5 })] : undefined,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Checking the output

/**
 * What the app writes, as one YAML text, after the validations `cdk8s synth` runs (with its message).
 * The CRD stage is left out: it is the release's CRDs, the same for every declaration (and tested
 * elsewhere), and writing it would take most of the time of a case.
 */
export function synthYaml(built: Built): string {
  const errors = built.app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
  return Yaml.stringify(...built.app.charts.filter(c => c !== built.platform.crdStage).flatMap(c => c.toJson()));
}

const schemasByRelease = new Map<string, CrdSchemas>();

/**
 * The schemas of the CRDs the platform ships (Strimzi's, with the KafkaConnector scale patch) and of
 * the upstream KEDA CRDs of the release, compiled once per pair of releases.
 */
export function shippedSchemas(built: { readonly platform: KafkaPlatform }, d: { readonly strimzi: string; readonly keda?: string }): CrdSchemas {
  const key = `${d.strimzi} ${d.keda}`;
  let schemas = schemasByRelease.get(key);
  if (!schemas) {
    const kedaDir = d.keda === undefined ? undefined : path.join(KEDA_DIR, d.keda, 'crds');
    const kedaCrds = kedaDir === undefined ? [] : fs.readdirSync(kedaDir).flatMap(f => parseAll(fs.readFileSync(path.join(kedaDir, f), 'utf-8')));
    schemas = CrdSchemas.fromCrds([...Testing.synth(built.platform.crdStage), ...kedaCrds].filter(o => o.kind === 'CustomResourceDefinition'));
    schemasByRelease.set(key, schemas);
  }
  return schemas;
}

/** Parses YAML the way kubectl's parser would see it (js-yaml, independent of the library's). */
export function parseAll(yaml: string): any[] {
  return (jsYaml.loadAll(yaml) as any[]).filter(o => o !== null && o !== undefined);
}
