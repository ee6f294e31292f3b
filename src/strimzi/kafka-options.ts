import { KafkaAuthorization } from './authorization';
import { KafkaListener } from './listener';
import { KafkaNodePoolOptions } from './node-pool';
import { StrimziOperator } from './operator';
import { StrimziRelease } from './release';

/** Which entity operators run for the cluster. */
export interface EntityOperatorOptions {
  /**
   * Run the Topic Operator (needed by KafkaTopics).
   *
   * @default true
   */
  readonly topicOperator?: boolean;

  /**
   * Run the User Operator (needed by KafkaUsers).
   *
   * @default true
   */
  readonly userOperator?: boolean;
}

/** Cruise Control settings. */
export interface CruiseControlOptions {
  /**
   * Cruise Control config. Secrets written literally (under keys such as `*.password` or
   * `sasl.jaas.config`, or key material) are refused: reference them with a config provider,
   * `${secrets:<namespace>/<secret>:<key>}`.
   *
   * @default - Strimzi's defaults
   */
  readonly config?: { [key: string]: any };
}

/** Rack awareness: spread replicas over the values of a node label. */
export interface RackAwarenessOptions {
  /** The node label whose value is the rack, for example `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
}

/** Options of `KafkaPlatform.addKafka()`. */
export interface KafkaOptions {
  /**
   * metadata.name of the Kafka cluster; Strimzi derives service names from it.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * Namespace of the cluster and its topics, users, Connect clusters and connectors; the operator
   * must watch it.
   *
   * @default - the operator's namespace
   */
  readonly namespace?: string;

  /**
   * Kafka version; must be one the Strimzi release supports.
   *
   * @default - the release's default Kafka version
   */
  readonly kafkaVersion?: string;

  /**
   * KRaft metadata version, at most the Kafka version's `MAJOR.MINOR`. Raise it in a separate step
   * after upgrading `kafkaVersion`, as Strimzi's upgrade procedure says.
   *
   * @default - the metadata version Strimzi pairs with `kafkaVersion`
   */
  readonly metadataVersion?: string;

  /**
   * Node pools; `addNodePool()` adds more. A cluster needs controller and broker nodes.
   *
   * @default - none
   */
  readonly nodePools?: KafkaNodePoolOptions[];

  /**
   * Listeners; `addListener()` adds more. A cluster needs at least one.
   *
   * @default - none
   */
  readonly listeners?: KafkaListener[];

  /**
   * Authorization; `KafkaAuthorization.simple()` makes KafkaUser ACLs take effect.
   *
   * @default - none: every authenticated client may do everything
   */
  readonly authorization?: KafkaAuthorization;

  /**
   * Broker config. Keys Strimzi manages (listeners, security, node roles, ...) are refused. Secrets written literally (under keys such as `*.password` or
   * `sasl.jaas.config`, or key material) are refused: reference them with a config provider,
   * `${secrets:<namespace>/<secret>:<key>}`.
   *
   * @default - replication settings sized to the broker count (see `effectiveConfig`)
   */
  readonly config?: { [key: string]: any };

  /**
   * Entity operators.
   *
   * @default - Topic and User Operator both run
   */
  readonly entityOperator?: EntityOperatorOptions;

  /**
   * Deploy Cruise Control.
   *
   * @default - not deployed
   */
  readonly cruiseControl?: CruiseControlOptions;

  /**
   * Rack awareness.
   *
   * @default - none
   */
  readonly rack?: RackAwarenessOptions;
}

/** Properties of `Kafka`. */
export interface KafkaProps extends KafkaOptions {
  /** The Cluster Operator that manages the cluster; the cluster must be in a namespace it watches. */
  readonly operator: StrimziOperator;

  /**
   * The Strimzi release whose API the cluster and its resources are written in. It differs from the
   * operator's release only while an upgrade moves the operator first and the resources after.
   *
   * @default - the operator's release
   */
  readonly release?: StrimziRelease;
}
