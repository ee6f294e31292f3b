import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import { ITriggerAuthentication } from '../keda/trigger-authentication-props';
import type { KafkaPlatform } from '../platform';
import { KafkaLagScalingOptions } from './lag-scaling';
import { Kafka } from '../strimzi/kafka';
import { KafkaTopic } from '../strimzi/topic';
import { addValidation, duplicates, fieldError } from '../validation';
import { declaredPartitions, kedaOf, lagTrigger, partitionCapErrors, scaledObjectSettings } from './lag-trigger';
import { scalerAuthentication } from './scaler-credentials';

/** Autoscaling of a consumer workload (a Kafka Streams app, any consumer) on its group's lag. */
export interface KafkaConsumerAutoscalingOptions extends KafkaLagScalingOptions {
  /**
   * The consumer Deployment; give this or `target`.
   *
   * @default - `target`
   */
  readonly deployment?: kplus.Deployment;

  /**
   * Any workload with a scale subresource that selects its pods (StatefulSet, Argo Rollout, ...);
   * give this or `deployment`.
   *
   * @default - `deployment`
   */
  readonly target?: ScaleTarget;

  /** The consumer group of the workload (for Kafka Streams: its `application.id`). */
  readonly consumerGroup: string;

  /**
   * Topics the group consumes, as declared topics or names: one trigger per topic. Without topics,
   * one trigger covers every topic the group has offsets for (with Kafka Streams, also its
   * repartition topics).
   *
   * @default - every topic of the group
   */
  readonly topics?: Array<KafkaTopic | string>;

  /**
   * The Kafka cluster.
   *
   * @default - the cluster of the declared topics
   */
  readonly kafka?: Kafka;

  /**
   * The listener KEDA reads the lag through (internal or cluster-ip).
   *
   * @default - the first internal TLS listener, else the first internal listener
   */
  readonly listener?: string;

  /**
   * Credentials for KEDA, when the workload runs outside the Kafka namespace (a TriggerAuthentication
   * in its namespace or a ClusterTriggerAuthentication).
   *
   * @default - a read-only KafkaUser and a TriggerAuthentication the library creates
   */
  readonly authentication?: ITriggerAuthentication;

  /** Most replicas. */
  readonly maxReplicas: number;

  /**
   * Fewest replicas (0 lets KEDA stop the workload while there is no lag).
   *
   * @default 1
   */
  readonly minReplicas?: number;

  /**
   * Name of the ScaledObject.
   *
   * @default - the workload's name
   */
  readonly name?: string;
}

/** Properties of `KafkaConsumerAutoscaling`. */
export interface KafkaConsumerAutoscalingProps extends KafkaConsumerAutoscalingOptions {
  /** The platform. */
  readonly platform: KafkaPlatform;
}

/** A ScaledObject on a consumer workload with lag triggers on its group, wired to the Kafka cluster. */
export class KafkaConsumerAutoscaling extends Construct {
  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  /** The Kafka cluster. */
  public readonly kafka: Kafka;

  constructor(scope: Construct, id: string, props: KafkaConsumerAutoscalingProps) {
    super(scope, id);
    if ((props.deployment === undefined) === (props.target === undefined)) {
      throw fieldError(this, 'deployment', props.deployment?.name, 'and target: give exactly one of them');
    }
    const target = props.deployment ? ScaleTarget.fromDeployment(props.deployment) : props.target!;
    if (props.deployment) {
      // The workload's chart is applied before the autoscaling stage, so KEDA finds its target.
      const workloads = Chart.of(props.deployment);
      const stage = Chart.of(this);
      if (workloads !== stage && !workloads.node.dependencies.includes(stage)) {
        stage.addDependency(workloads);
      }
    }
    if (!target.namespace) {
      throw fieldError(this, props.deployment ? 'deployment' : 'target', target.name, 'has no namespace; KEDA needs the ScaledObject in the workload\'s namespace',
        'Set the namespace of the workload (or of its chart)');
    }
    const topics = props.topics ?? [];
    const declared = topics.filter((t): t is KafkaTopic => t instanceof KafkaTopic);
    const kafka = props.kafka ?? declared[0]?.kafka;
    if (!kafka) {
      throw fieldError(this, 'kafka', undefined, 'is needed when no declared KafkaTopic names the cluster', 'Pass kafka, or topics as KafkaTopics');
    }
    this.kafka = kafka;
    for (const topic of declared.filter(t => t.kafka !== kafka)) {
      throw fieldError(this, 'topics', topic.topicName, `belongs to the Kafka cluster ${topic.kafka.node.path}, not ${kafka.node.path}`);
    }
    const names = topics.map(t => (t instanceof KafkaTopic ? t.topicName : t));
    if (duplicates(names).length > 0) {
      throw fieldError(this, 'topics', names, `lists ${duplicates(names).join(', ')} more than once`);
    }
    if (!props.consumerGroup) {
      throw fieldError(this, 'consumerGroup', props.consumerGroup, 'must name the group whose lag drives scaling');
    }
    const listener = kafka._inClusterListener(this, props.listener, 'KEDA reads the lag from inside the cluster');
    const authentication = props.authentication
      ?? scalerAuthentication(this, kafka, listener, target.namespace, props.credentialsRevision, props.consumerGroup, names);

    this.scaledObject = new ScaledObject(this, 'Resource', {
      release: kedaOf(this, props.platform, 'autoscaling'),
      name: props.name ?? target.name,
      namespace: target.namespace,
      target,
      minReplicas: props.minReplicas ?? 1,
      maxReplicas: props.maxReplicas,
      ...scaledObjectSettings(props),
    });
    const source = { kafka, listener, consumerGroup: props.consumerGroup, topics: names, authentication };
    if (names.length === 0) {
      this.scaledObject.addTrigger(lagTrigger('lag', source, undefined, props));
    }
    for (const topic of names) {
      this.scaledObject.addTrigger(lagTrigger(names.length === 1 ? 'lag' : `lag-${topic}`, source, topic, props));
    }

    // One trigger per topic, each capped at its topic's partitions; the HPA follows the largest.
    addValidation(this, () => {
      const partitions = names.map(n => declaredPartitions(kafka, [n]));
      return partitions.length === 0 || partitions.some(p => p === undefined) ? []
        : partitionCapErrors('maxReplicas', props.maxReplicas, Math.max(...partitions as number[]),
          `the largest topic of consumer group ${props.consumerGroup}`, props);
    });
  }
}
