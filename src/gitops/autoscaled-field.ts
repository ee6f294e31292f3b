/**
 * A field of an object that the output states once (its starting value) and an autoscaler owns
 * afterwards: `spec.replicas` of an autoscaled KafkaConnect, `spec.tasksMax` of an autoscaled
 * KafkaConnector. GitOps tools must leave its live value alone.
 */
export interface AutoscaledField {
  /** API group, for example `kafka.strimzi.io`. */
  readonly group: string;
  /** Kind, for example `KafkaConnect`. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** RFC 6901 JSON pointer, for example `/spec/replicas`. */
  readonly pointer: string;
}
