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
    this.scaledObject = lagScaledObject(this, kedaOf(connect, props.keda, 'autoscaling', options), {
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
      ...source, client: connector, namespace: connect.namespace, revision: options.credentialsRevision, release: this.scaledObject.release,
    });
    const topic = source.topics.length === 1 ? source.topics[0] : undefined;
    const offsetResetPolicy = sinkOffsetResetPolicy(connect, 'autoscaling.', connector, options, this.scaledObject.release);
    this.scaledObject.addTrigger(lagTrigger(`lag-${connector.name}`, source, topic, { ...options, offsetResetPolicy }, authentication));
  }

  // Two bounds on useful workers, and the message names the lower one that maxReplicas exceeds.
  private validate(): string[] {
    const { connect, options } = this.props;
    const connectors = connect.connectors;
    const sinks = connectors.filter(c => c.isSink);
    if (sinks.length === 0 && (options.triggers ?? []).length === 0) {
      return [fieldMessage('autoscaling', `KafkaConnect ${connect.name}`, 'scales workers on the lag of sink connectors, but the Connect cluster has none',
        'Add a connector with topics, or triggers')];
    }
    // Each trigger is capped at its connector's partitions, and the HPA follows the largest trigger.
    const partitions = sinks.map(c => declaredPartitions(connect.kafka, c.sinkTopicNames));
    const partitionCap = sinks.length === 0 || partitions.some(p => p === undefined) || options.allowIdleConsumers
      ? undefined : Math.max(...partitions as number[]);
    // Without declared connectors the tasks are unknown (they may come from elsewhere).
    const taskCap = connectors.length === 0 ? undefined : connectors.reduce((sum, c) => sum + taskLimit(c), 0);
    const field = 'autoscaling.maxReplicas';
    if (taskCap !== undefined && options.maxReplicas > taskCap && (partitionCap === undefined || taskCap <= partitionCap)) {
      return [fieldMessage(field, options.maxReplicas, `exceeds the ${taskCap} task(s) that the ${connectors.length} connector(s) of KafkaConnect ${connect.name} `
        + 'can run (the sum of their tasksMax, of maxTasks where the tasks are autoscaled, and 1 where tasksMax is unset: Kafka Connect\'s tasks.max default); '
        + 'a worker runs tasks, so workers beyond them would idle', `Lower ${field} to ${taskCap}, or raise the connectors' tasksMax or maxTasks`)];
    }
    return partitionCapErrors(field, options.maxReplicas, partitionCap, `the largest sink connector's topics of KafkaConnect ${connect.name}`, options);
  }
}

/**
 * The most tasks a connector can have: `maxTasks` when its tasks are autoscaled, else `tasksMax`, else
 * 1, Kafka Connect's default for `tasks.max` (apache/kafka 3.9 ConnectorConfig.java, TASKS_MAX_DEFAULT),
 * which applies because Strimzi sends `tasks.max` only when `spec.tasksMax` is set (strimzi 1.2.0
 * AbstractConnectOperator.java). Source connectors count too: their tasks run on the same workers, so
 * a worker beyond the sink tasks still takes load off the workers that run them; only workers beyond
 * all tasks are certain to idle.
 */
function taskLimit(connector: KafkaConnector): number {
  return connector.autoscaling?.maxTasks ?? connector.tasksMax ?? 1;
}
