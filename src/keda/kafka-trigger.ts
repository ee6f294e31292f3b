import { TriggerOptions } from './trigger-options';
import { KafkaLagOptions } from '../autoscaling-options/kafka-lag';

// The `kafka` scaler (Sarama based): kedacore/keda v2.20.2:pkg/scalers/kafka_scaler.go.
// Every value is literal metadata: `...FromEnv` needs a pod template with containers, which Strimzi
// resources do not have, and env changes never reach a running scaler (keda#5915).

/** SASL mechanism of the kafka trigger, spelled as KEDA wants it (`scram_sha512`, not `SCRAM-SHA-512`). */
export enum KafkaSaslMechanism {
  /** No SASL; nothing is emitted, because `sasl: none` fails before KEDA 2.18.0 (keda#7070). */
  NONE = 'none',
  /** SASL/PLAIN; needs `username` and `password` from the authentication. */
  PLAINTEXT = 'plaintext',
  /** SCRAM-SHA-256; needs `username` and `password` from the authentication. */
  SCRAM_SHA256 = 'scram_sha256',
  /** SCRAM-SHA-512 (Strimzi's `scram-sha-512`); needs `username` and `password` from the authentication. */
  SCRAM_SHA512 = 'scram_sha512',
  /** OAUTHBEARER; see `saslTokenProvider`. */
  OAUTHBEARER = 'oauthbearer',
  /** Kerberos; needs `keytab` or `password` from the authentication. */
  GSSAPI = 'gssapi',
}

/** Where OAUTHBEARER tokens come from (`saslTokenProvider`). */
export enum KafkaSaslTokenProvider {
  /** An OAuth token endpoint (KEDA's default). */
  BEARER = 'bearer',
  /** AWS MSK IAM; needs `tls` and `awsRegion`. */
  AWS_MSK_IAM = 'aws_msk_iam',
}

/** Properties of `ScalerTrigger.kafka()`. */
export interface KafkaTriggerProps extends TriggerOptions, KafkaLagOptions {
  /** Brokers to bootstrap from, `host:port`; they must resolve from the KEDA operator's namespace (use FQDNs). */
  readonly bootstrapServers: string[];

  /** The consumer group whose lag drives scaling. */
  readonly consumerGroup: string;

  /**
   * The topic; without it, all topics the group has committed offsets for.
   *
   * @default - all topics of the group
   */
  readonly topic?: string;

  /**
   * Only these partitions of `topic` count.
   *
   * @default - all partitions
   */
  readonly partitionLimitation?: number[];

  /**
   * Kafka protocol version KEDA's client (Sarama) assumes the brokers speak; never above the brokers'
   * version. It picks the request versions Sarama sends; it is not a broker requirement. KEDA's own
   * e2e test runs against Kafka 4.0.0 without it (kedacore/keda tests/scalers/kafka/kafka_test.go).
   *
   * @default - KEDA's default, 1.0.0
   */
  readonly version?: string;

  /**
   * Use TLS; `ca`, `cert` and `key` come from the authentication.
   *
   * @default false
   */
  readonly tls?: boolean;

  /**
   * Skip verification of the brokers' certificates.
   *
   * @default false
   */
  readonly unsafeSsl?: boolean;

  /**
   * SASL mechanism; credentials come from the authentication.
   *
   * @default KafkaSaslMechanism.NONE
   */
  readonly sasl?: KafkaSaslMechanism;

  /**
   * Token provider for OAUTHBEARER.
   *
   * @default KafkaSaslTokenProvider.BEARER
   */
  readonly saslTokenProvider?: KafkaSaslTokenProvider;

  /**
   * AWS region of an MSK cluster, for AWS_MSK_IAM.
   *
   * @default - none
   */
  readonly awsRegion?: string;
}
