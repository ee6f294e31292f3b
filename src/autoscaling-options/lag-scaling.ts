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
   * HPA scaling behavior (stabilization windows, policies): how fast the replicas follow the lag
   * between the minimum and the maximum. This, not `cooldownPeriod`, is how to slow down scale-in.
   *
   * For Connect workers each direction left unset gets the library's default, since each change of
   * workers is a rebalance of all connectors and tasks: scale down after a 10-minute stabilization
   * window by at most one worker per 5 minutes (a departed worker's tasks stay unassigned for up to
   * Connect's `scheduled.rebalance.max.delay.ms`, 5 minutes by default), and scale up after a
   * 1-minute window by at most 100 % per minute. Give `scaleDown: {}` or `scaleUp: {}` for
   * Kubernetes' defaults.
   *
   * @default - Connect workers: the defaults above; connector tasks and consumers: Kubernetes'
   * defaults (scale up at once by 100 % or 4 pods per 15 s; scale down after 5 minutes by up to 100 % per 15 s)
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
  /**
   * Most workers. At most the tasks the Connect cluster's connectors can run (the sum of their
   * `tasksMax`, `maxTasks` where their tasks are autoscaled, 1 where unset), since a worker without a
   * task idles; and, unless `allowIdleConsumers`, at most the partitions of the largest sink
   * connector's topics, since KEDA caps each trigger there.
   */
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
