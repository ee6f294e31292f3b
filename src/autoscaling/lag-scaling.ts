import { Duration } from 'cdk8s';
import { HpaBehavior } from '../keda/hpa-behavior';
import { KafkaLagOptions } from '../keda/kafka-trigger';
import { ScaledObjectFallback } from '../keda/scaled-object-props';
import { ScalerTrigger } from '../keda/triggers';

/**
 * How consumer lag drives scaling; shared by Connect workers, connector tasks (where the threshold is
 * per task) and consumers.
 */
export interface KafkaLagScalingOptions extends KafkaLagOptions {
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
