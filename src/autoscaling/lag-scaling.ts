import { Duration } from 'cdk8s';
import { HpaBehavior } from '../keda/hpa-behavior';
import { KafkaOffsetResetPolicy } from '../keda/kafka-trigger';
import { ScaledObjectFallback } from '../keda/scaled-object-props';
import { ScalerTrigger } from '../keda/triggers';

/** How consumer lag drives scaling; shared by Connect workers, connector tasks and consumers. */
export interface KafkaLagScalingOptions {
  /**
   * Target lag per replica (per task for connectors).
   *
   * @default 10 (KEDA's default)
   */
  readonly lagThreshold?: number;

  /**
   * Total lag above which scaling from the minimum starts.
   *
   * @default 0
   */
  readonly activationLagThreshold?: number;

  /**
   * Where a group without committed offsets starts.
   *
   * @default KafkaOffsetResetPolicy.LATEST
   */
  readonly offsetResetPolicy?: KafkaOffsetResetPolicy;

  /**
   * Allow more replicas than partitions; without it the maximum may not exceed the partitions.
   *
   * @default false
   */
  readonly allowIdleConsumers?: boolean;

  /**
   * Count lag that does not move between polls as 0 for the metric.
   *
   * @default false
   */
  readonly excludePersistentLag?: boolean;

  /**
   * Count partitions without a committed offset as lag 0.
   *
   * @default false
   */
  readonly scaleToZeroOnInvalidOffset?: boolean;

  /**
   * Cap replicas at the partitions that have lag (single-topic triggers only).
   *
   * @default false
   */
  readonly limitToPartitionsWithLag?: boolean;

  /**
   * Round replicas up to a factor of the partition count (KEDA 2.18+; single-topic triggers only).
   *
   * @default false
   */
  readonly ensureEvenDistributionOfPartitions?: boolean;

  /**
   * How often KEDA polls the lag.
   *
   * @default - KEDA's default, 30 seconds
   */
  readonly pollingInterval?: Duration;

  /**
   * Wait before scaling back to the minimum after the last activity.
   *
   * @default - KEDA's default, 300 seconds
   */
  readonly cooldownPeriod?: Duration;

  /**
   * Wait after creation before the first scale-in (KEDA 2.14+).
   *
   * @default - none
   */
  readonly initialCooldownPeriod?: Duration;

  /**
   * Replicas to keep when the scaler fails.
   *
   * @default - no fallback
   */
  readonly fallback?: ScaledObjectFallback;

  /**
   * HPA scaling behavior (stabilization windows, policies).
   *
   * @default - the HPA's defaults
   */
  readonly behavior?: HpaBehavior;

  /**
   * Bump this to make KEDA re-read credentials that changed in place (for example a rotated
   * Secret): it is part of the TriggerAuthentication's name, so the ScaledObject spec changes.
   *
   * @default - none
   */
  readonly credentialsRevision?: string;

  /**
   * More triggers, for example a prometheus trigger.
   *
   * @default - only the lag triggers
   */
  readonly triggers?: ScalerTrigger[];
}
