import { Version } from '../common/version';

// Config keys Strimzi manages itself and removes from a resource's `config` with no more than a log
// line. We refuse them at synth time instead, naming the field that sets the value.
// Source: the `config` descriptions in the CRD files (`TAG:packaging/install/cluster-operator/04*`),
// which list the forbidden prefixes and their exceptions; a test compares this table with the
// descriptions of every fixture release that still lists them.

export interface ForbiddenConfig {
  /** A key is forbidden when it starts with one of these... */
  readonly prefixes: string[];
  /** ...unless it is exactly one of these. */
  readonly exceptions: string[];
}

interface Gated {
  readonly since: string;
  readonly prefixes: string[];
}

function forRelease(release: Version, base: string[], gated: Gated[], exceptions: string[]): ForbiddenConfig {
  return {
    prefixes: [...base, ...gated.filter(g => release.isAtLeast(g.since)).flatMap(g => g.prefixes)],
    exceptions,
  };
}

/**
 * `Kafka.spec.kafka.config`, as listed by the 0.41.0-0.51.0 CRDs (0.43.0 added the static quota
 * callback keys). The 0.49-0.51 CRDs list none and 1.0.0 refers to the documentation; we keep the
 * 0.45.0 list.
 */
export function forbiddenBrokerConfig(release: Version): ForbiddenConfig {
  return forRelease(release, [
    'listeners', 'advertised.', 'broker.', 'listener.', 'host.name', 'port', 'inter.broker.listener.name', 'sasl.',
    'ssl.', 'security.', 'password.', 'log.dir', 'zookeeper.connect', 'zookeeper.set.acl', 'zookeeper.ssl',
    'zookeeper.clientCnxnSocket', 'authorizer.', 'super.user', 'cruise.control.metrics.topic',
    'cruise.control.metrics.reporter.bootstrap.servers', 'node.id', 'process.roles', 'controller.', 'metadata.log.dir',
    'zookeeper.metadata.migration.enable',
  ], [{
    since: '0.43.0',
    prefixes: [
      'client.quota.callback.static.kafka.admin.', 'client.quota.callback.static.produce',
      'client.quota.callback.static.fetch', 'client.quota.callback.static.storage.per.volume.limit.min.available.',
      'client.quota.callback.static.excluded.principal.name.list',
    ],
  }], [
    'zookeeper.connection.timeout.ms', 'sasl.server.max.receive.size', 'ssl.cipher.suites', 'ssl.protocol',
    'ssl.enabled.protocols', 'ssl.secure.random.implementation', 'cruise.control.metrics.topic.num.partitions',
    'cruise.control.metrics.topic.replication.factor', 'cruise.control.metrics.topic.retention.ms',
    'cruise.control.metrics.topic.auto.create.retries', 'cruise.control.metrics.topic.auto.create.timeout.ms',
    'cruise.control.metrics.topic.min.insync.replicas', 'controller.quorum.election.backoff.max.ms',
    'controller.quorum.election.timeout.ms', 'controller.quorum.fetch.timeout.ms',
  ]);
}

/**
 * `KafkaConnect.spec.config`. 0.48.0 added `prometheus.metrics.reporter.`; the v1 API (1.0.0 CRDs)
 * also forbids the group and storage topic keys, which have fields of their own. We forbid those on
 * every release because this library always sets them from its own properties.
 */
export function forbiddenConnectConfig(release: Version): ForbiddenConfig {
  return forRelease(release, [
    'group.id', 'config.storage.topic', 'offset.storage.topic', 'status.storage.topic',
    'ssl.', 'sasl.', 'security.', 'listeners', 'plugin.path', 'rest.', 'bootstrap.servers',
    'consumer.interceptor.classes', 'producer.interceptor.classes',
  ], [{ since: '0.48.0', prefixes: ['prometheus.metrics.reporter.'] }], [
    'ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols',
  ]);
}

/**
 * `KafkaConnector.spec.config` keys and the property that sets each: `connector.class` and `tasks.max`
 * (all releases), `name` (listed from 0.49) and `connector.plugin.version` (forbidden from 0.50,
 * replaced by `spec.version`). Connect reserves all four, so they are refused on every release.
 */
export const CONNECTOR_RESERVED_KEYS: { readonly [key: string]: string } = {
  'connector.class': 'className',
  'tasks.max': 'tasksMax',
  'name': 'name',
  'connector.plugin.version': 'the connector\'s spec.version (use addOverride)',
};

/** The keys of `config` that `rules` forbid. */
export function forbiddenKeys(config: { [key: string]: unknown } | undefined, rules: ForbiddenConfig): string[] {
  return Object.keys(config ?? {}).filter(key => !rules.exceptions.includes(key)
    && rules.prefixes.some(prefix => key.startsWith(prefix)));
}
