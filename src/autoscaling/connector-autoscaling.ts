import { Construct } from 'constructs';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import type { KafkaConnector } from '../strimzi/connector';
import { addValidation } from '../validation';
import { KafkaLagScalingOptions } from './lag-scaling';
import { declaredPartitions, kedaOf, lagTrigger, partitionCapErrors, scaledObjectSettings } from './lag-trigger';
import { scalerAuthentication } from './scaler-credentials';

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

/** Properties of `KafkaConnectorAutoscaling`. */
export interface KafkaConnectorAutoscalingProps extends KafkaConnectorAutoscalingOptions {
  /** The connector. */
  readonly connector: KafkaConnector;
}

/**
 * A ScaledObject on a KafkaConnector through the patched CRD's scale subresource (`spec.tasksMax`,
 * selector `spec.scaleSelector`): KEDA scales the number of tasks, which the Connect workers run.
 * Tasks are not pods, so only External metrics with AverageValue targets work: cpu/memory triggers
 * are refused, and the minimum is at least one task (strimzi#10450).
 */
export class KafkaConnectorAutoscaling extends Construct {
  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  constructor(scope: Construct, id: string, props: KafkaConnectorAutoscalingProps) {
    super(scope, id);
    const connector = props.connector;
    const connect = connector.connect;
    const target = ScaleTarget.of({ apiVersion: connector.apiObject.apiVersion, kind: 'KafkaConnector', name: connector.name, namespace: connector.namespace })
      ._withoutPods(`KafkaConnector ${connector.name} scales tasks, not pods`);
    this.scaledObject = new ScaledObject(this, 'Resource', {
      release: kedaOf(connector, connect.kafka.platform, 'autoscaling'),
      name: `${connector.name}-tasks`,
      namespace: connector.namespace,
      target,
      minReplicas: props.minTasks ?? 1,
      maxReplicas: props.maxTasks,
      ...scaledObjectSettings(props),
    });
    const source = { kafka: connect.kafka, listener: connect.listener, consumerGroup: connector.consumerGroup, topics: connector.sinkTopicNames };
    const authentication = scalerAuthentication(connector, connect.kafka, connect.listener, connector.namespace,
      props.credentialsRevision, source.consumerGroup, source.topics);
    const topic = source.topics.length === 1 ? source.topics[0] : undefined;
    this.scaledObject.addTrigger(lagTrigger('lag', { ...source, authentication }, topic, props));

    // More tasks than partitions would idle: the group has at most one consumer per partition.
    addValidation(this, () => partitionCapErrors('autoscaling.maxTasks', props.maxTasks,
      declaredPartitions(connect.kafka, connector.sinkTopicNames), `the topics of KafkaConnector ${connector.name}`, props));
  }
}
