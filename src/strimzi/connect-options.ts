import * as kplus from 'cdk8s-plus-28';
import { KafkaAcl } from './acl';
import { KafkaConnectBuild } from './connect-build';
import { JvmOptions } from './jvm-options';
import type { Kafka } from './kafka';
import { KafkaUser } from './user';
import { KafkaConnectAutoscalingOptions } from '../autoscaling-options/lag-scaling';

/** Options of `Kafka.addConnect()`. */
export interface KafkaConnectOptions {
  /**
   * metadata.name; Strimzi names the workers `<name>-connect` and the REST Service `<name>-connect-api`.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * Number of Connect workers.
   *
   * @default 3
   */
  readonly replicas?: number;

  /**
   * Kafka version of the Connect image.
   *
   * @default - the Kafka cluster's version
   */
  readonly version?: string;

  /**
   * Name of the Kafka listener to connect through; it must be an internal or cluster-ip listener.
   *
   * @default - the first internal TLS listener, else the first internal listener
   */
  readonly listener?: string;

  /**
   * The KafkaUser Connect authenticates as; its authentication must match the listener's.
   *
   * @default - a KafkaUser `<name>-connect` the library creates, with the ACLs Connect and its connectors need
   */
  readonly user?: KafkaUser;

  /**
   * Extra ACL rules for the user the library creates (for example the topics a source connector writes).
   *
   * @default - none
   */
  readonly acls?: KafkaAcl[];

  /**
   * Consumer group of the Connect cluster.
   *
   * @default - the name
   */
  readonly groupId?: string;

  /**
   * Topic for connector configurations.
   *
   * @default - `<name>-configs`
   */
  readonly configStorageTopic?: string;

  /**
   * Topic for source connector offsets.
   *
   * @default - `<name>-offsets`
   */
  readonly offsetStorageTopic?: string;

  /**
   * Topic for connector and task status.
   *
   * @default - `<name>-status`
   */
  readonly statusStorageTopic?: string;

  /**
   * Worker config. Keys Strimzi or this construct manage (bootstrap, security, group and storage
   * topics, REST, plugin path) are refused. Secrets written literally (under keys such as `*.password` or
   * `sasl.jaas.config`, or key material) are refused: reference them with a config provider,
   * `${secrets:<namespace>/<secret>:<key>}`.
   *
   * @default - storage topic replication factors of -1 (the broker default)
   */
  readonly config?: { [key: string]: any };

  /**
   * Build an image with connector plugins.
   *
   * @default - no build
   */
  readonly imageBuild?: KafkaConnectBuild;

  /**
   * Container image of the workers.
   *
   * @default - Strimzi's image for `version` (or the built image)
   */
  readonly image?: string;

  /**
   * CPU and memory of each worker.
   *
   * @default - none set
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * JVM options of each worker.
   *
   * @default - Strimzi's defaults
   */
  readonly jvmOptions?: JvmOptions;

  /**
   * Manage connectors with KafkaConnector resources (`strimzi.io/use-connector-resources`).
   *
   * @default true
   */
  readonly useConnectorResources?: boolean;

  /**
   * Scale the workers with KEDA on the lag of the sink connectors; needs the platform's `keda`.
   *
   * @default - no autoscaling
   */
  readonly autoscaling?: KafkaConnectAutoscalingOptions;
}

/** Properties of `KafkaConnect`. */
export interface KafkaConnectProps extends KafkaConnectOptions {
  /** The Kafka cluster to connect to. */
  readonly kafka: Kafka;
}
