import { Construct } from 'constructs';
import { connectWorkerBehavior } from './connect-worker-behavior';
import { checkCooldowns, declaredPartitions, kedaOf, lagScaledObject, lagTrigger, partitionCapErrors, sinkOffsetResetPolicy } from './lag-trigger';
import { ScalingContext } from './scaler-credentials';
import { KafkaConnectAutoscalingOptions } from '../autoscaling-options/lag-scaling';
import { addValidation, fieldError, fieldMessage } from '../common/field-errors';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import type { KafkaConnect } from '../strimzi/connect';
import type { KafkaConnector } from '../strimzi/connector';

/** What the platform gives the workers' autoscaling. */
interface ConnectAutoscalingProps extends ScalingContext {
  readonly connect: KafkaConnect;
  readonly options: KafkaConnectAutoscalingOptions;
}

/**
 * A ScaledObject on a KafkaConnect (whose scale subresource selects its worker pods), with one lag
 * trigger per sink connector: the group `connect-<connector>` on the connector's topics.
 *
 * The KafkaPlatform creates it for a Connect cluster declared with `autoscaling`.
 */
export class KafkaConnectAutoscaling extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, props: ConnectAutoscalingProps): KafkaConnectAutoscaling {
    return new KafkaConnectAutoscaling(scope, id, props);
  }

  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  private readonly props: ConnectAutoscalingProps;

  private constructor(scope: Construct, id: string, props: ConnectAutoscalingProps) {
    super(scope, id);
    this.props = props;
    const { connect, options } = props;
    const minReplicas = options.minReplicas ?? 1;
    if (connect.replicas < minReplicas || connect.replicas > options.maxReplicas) {
      throw fieldError(connect, 'replicas', connect.replicas, `is outside the autoscaling range ${minReplicas}-${options.maxReplicas}`,
        'Set replicas to the number of workers to start with, within the range');
    }
    checkCooldowns(connect, 'autoscaling.', { field: 'minReplicas', value: minReplicas }, options);
    this.scaledObject = lagScaledObject(this, kedaOf(connect, props.keda, 'autoscaling'), {
      name: `${connect.name}-workers`,
      namespace: connect.namespace,
      target: ScaleTarget.of({ apiVersion: connect.apiObject.apiVersion, kind: 'KafkaConnect', name: connect.name, namespace: connect.namespace }),
      minReplicas,
      maxReplicas: options.maxReplicas,
    }, { ...options, behavior: connectWorkerBehavior(options.behavior) });
    addValidation(this, () => this.validate());
  }

  /**
   * Adds the lag trigger of a sink connector.
   * @internal
   */
  public _addConnector(connector: KafkaConnector): void {
    if (!connector.isSink) {
      return;
    }
    const { connect, options, credentials } = this.props;
    const source = { kafka: connect.kafka, listener: connect.listener, consumerGroup: connector.consumerGroup, topics: connector.sinkTopicNames };
    const authentication = credentials.authenticationFor({
      ...source, client: connector, namespace: connect.namespace, revision: options.credentialsRevision,
    });
    const topic = source.topics.length === 1 ? source.topics[0] : undefined;
    const offsetResetPolicy = sinkOffsetResetPolicy(connect, 'autoscaling.', connector, options, this.scaledObject.release);
    this.scaledObject.addTrigger(lagTrigger(`lag-${connector.name}`, source, topic, { ...options, offsetResetPolicy }, authentication));
  }

  private validate(): string[] {
    const { connect, options } = this.props;
    const sinks = connect.connectors.filter(c => c.isSink);
    if (sinks.length === 0 && (options.triggers ?? []).length === 0) {
      return [fieldMessage('autoscaling', `KafkaConnect ${connect.name}`, 'scales workers on the lag of sink connectors, but the Connect cluster has none',
        'Add a connector with topics, or triggers')];
    }
    // Each trigger is capped at its connector's partitions, and the HPA follows the largest trigger.
    const partitions = sinks.map(c => declaredPartitions(connect.kafka, c.sinkTopicNames));
    if (sinks.length === 0 || partitions.some(p => p === undefined)) {
      return [];
    }
    return partitionCapErrors('autoscaling.maxReplicas', options.maxReplicas, Math.max(...partitions as number[]),
      `the largest sink connector's topics of KafkaConnect ${connect.name}`, options);
  }
}
