import { HPA_BEHAVIOR_SHAPE, HpaBehavior } from './hpa-behavior';
import { KAFKA_LAG_FIELDS, KafkaLagOptions } from './kafka-lag';
import { SCALED_OBJECT_SETTINGS_FIELDS, ScaledObjectSettings } from './scaled-object-settings';
import { IScalerTrigger, SCALER_TRIGGER_SHAPE } from './scaler-trigger';
import { arrayOf, Fields, INTEGER, STRING, struct } from '../common/input-shape';

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

  /**
   * URL of the Prometheus server that scrapes the Kafka cluster's Kafka Exporter, for example
   * `http://prometheus.monitoring.svc:9090`. Up to 100 sink connectors, the workers scale on one
   * kafka lag trigger per connector; beyond that on one `prometheus` trigger over the summed
   * `kafka_consumergroup_lag` of their groups (labels `namespace` and `strimzi_io_cluster`, as Strimzi's
   * example PodMonitor sets them, select the Kafka cluster), so that the
   * ScaledObject and KEDA's work per poll do not grow with the connectors. The library then enables
   * the Kafka Exporter on the Kafka cluster. Required beyond 100 sink connectors.
   *
   * @default - none: at most 100 sink connectors can be autoscaled
   */
  readonly prometheusServerAddress?: string;
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

/** The shapes of the fields of `KafkaLagScalingOptions`. */
export const LAG_SCALING_FIELDS: Fields = {
  ...KAFKA_LAG_FIELDS,
  ...SCALED_OBJECT_SETTINGS_FIELDS,
  behavior: HPA_BEHAVIOR_SHAPE,
  credentialsRevision: STRING,
  triggers: arrayOf(SCALER_TRIGGER_SHAPE),
};

/** The shape of `KafkaConnectAutoscalingOptions`. */
export const CONNECT_AUTOSCALING_SHAPE = struct('KafkaConnectAutoscalingOptions', {
  ...LAG_SCALING_FIELDS, maxReplicas: INTEGER, minReplicas: INTEGER, prometheusServerAddress: STRING,
}, ['maxReplicas']);

/** The shape of `KafkaConnectorAutoscalingOptions`. */
export const CONNECTOR_AUTOSCALING_SHAPE = struct('KafkaConnectorAutoscalingOptions', {
  ...LAG_SCALING_FIELDS, maxTasks: INTEGER, minTasks: INTEGER,
}, ['maxTasks']);
