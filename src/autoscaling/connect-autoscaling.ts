import { Construct } from 'constructs';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import type { KafkaConnect } from '../strimzi/connect';
import type { KafkaConnector } from '../strimzi/connector';
import { addValidation, fieldError, fieldMessage } from '../validation';
import { KafkaLagScalingOptions } from './lag-scaling';
import { declaredPartitions, kedaOf, lagTrigger, partitionCapErrors, scaledObjectSettings } from './lag-trigger';
import { scalerAuthentication } from './scaler-credentials';

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

/** Properties of `KafkaConnectAutoscaling`. */
export interface KafkaConnectAutoscalingProps extends KafkaConnectAutoscalingOptions {
  /** The Connect cluster. */
  readonly connect: KafkaConnect;
}

/**
 * A ScaledObject on a KafkaConnect (whose scale subresource selects its worker pods), with one lag
 * trigger per sink connector: the group `connect-<connector>` on the connector's topics.
 */
export class KafkaConnectAutoscaling extends Construct {
  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  private readonly props: KafkaConnectAutoscalingProps;

  constructor(scope: Construct, id: string, props: KafkaConnectAutoscalingProps) {
    super(scope, id);
    this.props = props;
    const connect = props.connect;
    const minReplicas = props.minReplicas ?? 1;
    if (connect.replicas < minReplicas || connect.replicas > props.maxReplicas) {
      throw fieldError(connect, 'replicas', connect.replicas, `is outside the autoscaling range ${minReplicas}-${props.maxReplicas}`,
        'Set replicas to the number of workers to start with, within the range');
    }
    this.scaledObject = new ScaledObject(this, 'Resource', {
      release: kedaOf(connect, connect.kafka.platform, 'autoscaling'),
      name: `${connect.name}-workers`,
      namespace: connect.namespace,
      target: ScaleTarget.of({ apiVersion: connect.apiObject.apiVersion, kind: 'KafkaConnect', name: connect.name, namespace: connect.namespace }),
      minReplicas,
      maxReplicas: props.maxReplicas,
      ...scaledObjectSettings(props),
    });
    addValidation(this, () => this.validate());
  }

  /** Adds the lag trigger of a sink connector. @internal */
  public _addConnector(connector: KafkaConnector): void {
    if (!connector.isSink) {
      return;
    }
    const connect = this.props.connect;
    const source = {
      kafka: connect.kafka,
      listener: connect.listener,
      consumerGroup: connector.consumerGroup,
      topics: connector.sinkTopicNames,
    };
    const authentication = scalerAuthentication(connector, connect.kafka, connect.listener, connect.namespace,
      this.props.credentialsRevision, source.consumerGroup, source.topics);
    const topic = source.topics.length === 1 ? source.topics[0] : undefined;
    this.scaledObject.addTrigger(lagTrigger(`lag-${connector.name}`, { ...source, authentication }, topic, this.props));
  }

  private validate(): string[] {
    const connect = this.props.connect;
    const sinks = connect.connectors.filter(c => c.isSink);
    if (sinks.length === 0 && (this.props.triggers ?? []).length === 0) {
      return [fieldMessage('autoscaling', `KafkaConnect ${connect.name}`, 'scales workers on the lag of sink connectors, but the Connect cluster has none',
        'Add a connector with topics, or triggers')];
    }
    // Each trigger is capped at its connector's partitions, and the HPA follows the largest trigger.
    const partitions = sinks.map(c => declaredPartitions(connect.kafka, c.sinkTopicNames));
    if (sinks.length === 0 || partitions.some(p => p === undefined)) {
      return [];
    }
    return partitionCapErrors('autoscaling.maxReplicas', this.props.maxReplicas, Math.max(...partitions as number[]),
      `the largest sink connector's topics of KafkaConnect ${connect.name}`, this.props);
  }
}
