import { HpaBehavior } from './hpa-behavior';
import { KafkaLagOptions } from './kafka-lag';
import { ScaledObjectSettings } from './scaled-object-settings';
import { IScalerTrigger } from './scaler-trigger';

/**
 * How consumer lag drives scaling; shared by Connect workers, connector tasks (where the threshold is
 * per task) and consumers.
 */
export interface KafkaLagScalingOptions extends KafkaLagOptions, ScaledObjectSettings {
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
   * More triggers, made with `ScalerTrigger` (for example `ScalerTrigger.prometheus()`).
   *
   * @default - only the lag triggers
   */
  readonly triggers?: IScalerTrigger[];
}

/** Autoscaling of the workers of a Kafka Connect cluster on the lag of its sink connectors. */
export interface KafkaConnectAutoscalingOptions extends KafkaLagScalingOptions {
  /** Most workers. */
  readonly maxReplicas: number;

  /**
   * Fewest workers (0 lets KEDA stop all workers while there is no lag).
   *
   * @default 1
   */
  readonly minReplicas?: number;
}

/** Autoscaling of a sink connector's tasks (`spec.tasksMax`) on the lag of its consumer group. */
export interface KafkaConnectorAutoscalingOptions extends KafkaLagScalingOptions {
  /** Most tasks. */
  readonly maxTasks: number;

  /**
   * Fewest tasks (at least 1: the KafkaConnector CRD has `tasksMax` minimum 1).
   *
   * @default 1
   */
  readonly minTasks?: number;
}
