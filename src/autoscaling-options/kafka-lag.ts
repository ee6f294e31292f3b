// How KEDA's `kafka` scaler turns consumer lag into replicas (kedacore/keda pkg/scalers/kafka_scaler.go):
// the options users give a lag-scaled target, before the library turns them into trigger metadata.

/** Where a consumer group without a committed offset starts (`offsetResetPolicy`). */
export enum KafkaOffsetResetPolicy {
  /** Start at the end: an uncommitted partition counts as lag 1 (KEDA's default). */
  LATEST = 'latest',
  /** Start at the beginning: an uncommitted partition counts all its messages as lag. */
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
   * Where a group without a committed offset starts.
   *
   * @default KafkaOffsetResetPolicy.LATEST
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
