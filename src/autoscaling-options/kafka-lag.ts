// How KEDA's `kafka` scaler turns consumer lag into replicas (kedacore/keda pkg/scalers/kafka_scaler.go):
// the options users give a lag-scaled target, before the library turns them into trigger metadata.

/**
 * How KEDA counts a partition the group has no committed offset for (`offsetResetPolicy`); match the
 * consumer's `auto.offset.reset`.
 */
export enum KafkaOffsetResetPolicy {
  /** The consumer starts at the end: such a partition counts as lag 1 (KEDA's default). */
  LATEST = 'latest',
  /**
   * The consumer starts at the beginning: such a partition counts its end offset as lag, which
   * overstates the backlog when retention has already deleted its oldest messages.
   */
  EARLIEST = 'earliest',
}

/** How the kafka scaler turns consumer lag into a replica count. */
export interface KafkaLagOptions {
  /**
   * Target lag per replica.
   *
   * @default 10
   */
  readonly lagThreshold?: number;

  /**
   * Total lag above which the trigger is active (scales from zero).
   *
   * @default 0
   */
  readonly activationLagThreshold?: number;

  /**
   * How KEDA counts a partition the group has no committed offset for; it should be the consumer's
   * `auto.offset.reset`. For a consumer workload set it yourself: Kafka clients start at `latest`
   * unless configured otherwise, Kafka Streams apps at `earliest`. For Connect workers and connector
   * tasks it follows the sink connector's consumer: `consumer.override.auto.offset.reset` of the
   * connector, else `consumer.auto.offset.reset` of the Connect cluster, else `earliest` (Kafka
   * Connect's setting for sinks), so that a new connector's backlog scales out; setting it to
   * something else is an error.
   *
   * KEDA reads the topics of a trigger without a topic (a sink connector with several topics, a
   * consumer without `topics`) from the group's committed offsets, so there a topic the group has
   * never committed on counts no lag, whatever the policy.
   *
   * @default - consumer workloads: KafkaOffsetResetPolicy.LATEST (KEDA's default, not emitted);
   * Connect workers and connector tasks: the connector's consumer setting, emitted
   */
  readonly offsetResetPolicy?: KafkaOffsetResetPolicy;

  /**
   * Allow more replicas than partitions (KEDA caps the metric at partitions × lagThreshold otherwise).
   *
   * @default false
   */
  readonly allowIdleConsumers?: boolean;

  /**
   * Count lag of partitions whose offset did not move since the last poll as 0 for the metric.
   *
   * @default false
   */
  readonly excludePersistentLag?: boolean;

  /**
   * Count a partition without a committed offset as lag 0 (for EARLIEST only from KEDA 2.15.0).
   *
   * @default false
   */
  readonly scaleToZeroOnInvalidOffset?: boolean;

  /**
   * Cap replicas at the number of partitions with lag; needs `topic`.
   *
   * @default false
   */
  readonly limitToPartitionsWithLag?: boolean;

  /**
   * Round the replica count up to a factor of the partition count (KEDA 2.18.0+); needs `topic`.
   *
   * @default false
   */
  readonly ensureEvenDistributionOfPartitions?: boolean;
}
