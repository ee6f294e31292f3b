import type { KafkaConnect } from './connect';
import type { KafkaConnector } from './connector';

/**
 * Who turns the autoscaling options of Connect clusters and connectors into KEDA objects.
 *
 * Strimzi resources carry those options as data and know nothing of KEDA; they report each Connect
 * cluster and connector as it is added, and the KafkaPlatform that created the Kafka cluster builds
 * the ScaledObjects (as cdk8s-plus's Deployment leaves its HorizontalPodAutoscaler to whoever wants
 * scaling).
 */
export interface AutoscalingHooks {
  /** A Connect cluster was added to the Kafka cluster. */
  connectAdded(connect: KafkaConnect): void;

  /** A connector was added to a Connect cluster of the Kafka cluster. */
  connectorAdded(connector: KafkaConnector): void;
}
