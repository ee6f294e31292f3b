import { Construct } from 'constructs';
import { checkCooldowns, declaredPartitions, kedaOf, lagScaledObject, lagTrigger, partitionCapErrors, sinkOffsetResetPolicy } from './lag-trigger';
import { ScalingContext } from './scaler-credentials';
import { KafkaConnectorAutoscalingOptions } from '../autoscaling-options/lag-scaling';
import { addValidation, fieldError } from '../common/field-errors';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import type { KafkaConnector } from '../strimzi/connector';

/** What the platform gives a connector's task autoscaling. */
interface ConnectorAutoscalingProps extends ScalingContext {
  readonly connector: KafkaConnector;
  readonly options: KafkaConnectorAutoscalingOptions;
}

/**
 * A ScaledObject on a KafkaConnector through the patched CRD's scale subresource (`spec.tasksMax`,
 * selector `spec.scaleSelector`): KEDA scales the number of tasks, which the Connect workers run.
 * Tasks are not pods, so only External metrics with AverageValue targets work: cpu/memory triggers
 * are refused, and the minimum is at least one task (strimzi#10450).
 *
 * The KafkaPlatform creates it for a connector declared with `autoscaling`.
 */
export class KafkaConnectorAutoscaling extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, props: ConnectorAutoscalingProps): KafkaConnectorAutoscaling {
    return new KafkaConnectorAutoscaling(scope, id, props);
  }

  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  private constructor(scope: Construct, id: string, props: ConnectorAutoscalingProps) {
    super(scope, id);
    const { connector, options } = props;
    const minTasks = checkTaskRange(connector, options);
    checkCooldowns(connector, 'autoscaling.', { field: 'minTasks', value: minTasks }, options,
      'can never take effect on connector tasks, which never go below one task (the KafkaConnector CRD\'s tasksMax minimum is 1)');
    // The scale subresource reads `.spec.tasksMax`, and GET /scale fails when it is missing: it is always set.
    connector._markAutoscaled(minTasks);
    const connect = connector.connect;
    const target = ScaleTarget.of({ apiVersion: connector.apiObject.apiVersion, kind: 'KafkaConnector', name: connector.name, namespace: connector.namespace })
      ._withoutPods(`KafkaConnector ${connector.name} scales tasks, not pods`);
    this.scaledObject = lagScaledObject(this, kedaOf(connector, props.keda, 'autoscaling', options), {
      name: `${connector.name}-tasks`,
      namespace: connector.namespace,
      target,
      minReplicas: minTasks,
      maxReplicas: options.maxTasks,
    }, options);
    const source = { kafka: connect.kafka, listener: connect.listener, consumerGroup: connector.consumerGroup, topics: connector.sinkTopicNames };
    const authentication = props.credentials.authenticationFor({
      ...source, client: connector, namespace: connector.namespace, revision: options.credentialsRevision, release: this.scaledObject.release,
    });
    const topic = source.topics.length === 1 ? source.topics[0] : undefined;
    const offsetResetPolicy = sinkOffsetResetPolicy(connector, 'autoscaling.', connector, options, this.scaledObject.release);
    this.scaledObject.addTrigger(lagTrigger('lag', source, topic, { ...options, offsetResetPolicy }, authentication));

    // More tasks than partitions would idle: the group has at most one consumer per partition.
    addValidation(this, () => partitionCapErrors('autoscaling.maxTasks', options.maxTasks,
      declaredPartitions(connect.kafka, connector.sinkTopicNames), `the topics of KafkaConnector ${connector.name}`, options));
  }
}

/** Checks the task range against the connector and the CRD; returns the fewest tasks. */
function checkTaskRange(connector: KafkaConnector, options: KafkaConnectorAutoscalingOptions): number {
  if (!connector.isSink) {
    throw fieldError(connector, 'autoscaling', `KafkaConnector ${connector.name}`, 'scales tasks on the lag of the connector\'s consumer group, so it needs topics',
      'Give the sink connector its topics; source connectors have no consumer lag to scale on');
  }
  const min = options.minTasks ?? 1;
  if (!Number.isInteger(min) || min < 1) {
    throw fieldError(connector, 'autoscaling.minTasks', min, 'must be an integer >= 1: the KafkaConnector CRD has tasksMax minimum 1, so a connector cannot scale to zero',
      'Use state: KafkaConnectorState.PAUSED or STOPPED to stop it');
  }
  if (!Number.isInteger(options.maxTasks) || options.maxTasks < min) {
    throw fieldError(connector, 'autoscaling.maxTasks', options.maxTasks, `must be an integer >= minTasks (${min})`);
  }
  const start = connector.tasksMax ?? min;
  if (start < min || start > options.maxTasks) {
    throw fieldError(connector, 'tasksMax', start, `is outside the autoscaling range ${min}-${options.maxTasks}`,
      'Leave tasksMax unset (it starts at minTasks) or set it within the range');
  }
  return min;
}
