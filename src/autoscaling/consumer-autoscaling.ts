import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkCooldowns, declaredPartitions, kedaOf, lagScaledObject, lagTrigger, partitionCapErrors } from './lag-trigger';
import { ScalingContext } from './scaler-credentials';
import { KafkaLagScalingOptions, LAG_SCALING_FIELDS } from '../autoscaling-options/lag-scaling';
import { duplicates } from '../common/duplicates';
import { addValidation, fieldError } from '../common/field-errors';
import { anyOf, arrayOf, construct, instanceOf, INTEGER, STRING, struct, vacantId } from '../common/input-shape';
import { SCALE_TARGET_SHAPE, ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import { ITriggerAuthentication, TRIGGER_AUTHENTICATION_SHAPE } from '../keda/trigger-authentication-props';
import { Kafka } from '../strimzi/kafka';
import { KafkaListener } from '../strimzi/listener';
import { strimziResourceShape } from '../strimzi/resource';
import { KafkaTopic } from '../strimzi/topic';

/**
 * Most topics of a consumer autoscaling, each its own kafka trigger (about 600 bytes of the
 * ScaledObject and one metric KEDA polls and the HPA evaluates per cycle); 10,000 topics would make
 * a ScaledObject of 2.8 MB, beyond etcd's limit. Without `topics`, one trigger covers them all.
 */
export const CONSUMER_LAG_TRIGGER_LIMIT = 100;

/** Autoscaling of a consumer workload (a Kafka Streams app, any consumer) on its group's lag. */
export interface KafkaConsumerAutoscalingOptions extends KafkaLagScalingOptions {
  /**
   * The consumer Deployment (or StatefulSet), of any cdk8s-plus from cdk8s-plus-28 to cdk8s-plus-33;
   * give this or `target`. See `ScaleTarget.fromDeployment()`.
   *
   * @default - `target`
   */
  readonly deployment?: IConstruct;

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

/** The shape of `KafkaConsumerAutoscalingOptions`. */
export const CONSUMER_AUTOSCALING_SHAPE = struct('KafkaConsumerAutoscalingOptions', {
  ...LAG_SCALING_FIELDS,
  deployment: construct('a Deployment or StatefulSet of cdk8s-plus'),
  target: SCALE_TARGET_SHAPE,
  consumerGroup: STRING,
  topics: arrayOf(anyOf('a KafkaTopic or a topic name', instanceOf('KafkaTopic', () => KafkaTopic, 'kafka.addTopic()'), STRING)),
  kafka: strimziResourceShape('Kafka', 'KafkaPlatform.addKafka()'),
  listener: STRING,
  authentication: TRIGGER_AUTHENTICATION_SHAPE,
  maxReplicas: INTEGER,
  minReplicas: INTEGER,
  name: STRING,
}, ['consumerGroup', 'maxReplicas']);

/** What the platform gives a consumer's autoscaling. */
interface ConsumerAutoscalingProps extends ScalingContext {
  readonly options: KafkaConsumerAutoscalingOptions;
}

/**
 * A ScaledObject on a consumer workload with lag triggers on its group, wired to the Kafka cluster.
 * `KafkaPlatform.addConsumerAutoscaling()` creates it.
 */
export class KafkaConsumerAutoscaling extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, props: ConsumerAutoscalingProps): KafkaConsumerAutoscaling {
    return new KafkaConsumerAutoscaling(scope, id, props);
  }

  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  /** The Kafka cluster. */
  public readonly kafka: Kafka;

  private constructor(scope: Construct, id: string, props: ConsumerAutoscalingProps) {
    super(scope, vacantId(scope, id, 'KafkaConsumerAutoscaling', props.options, CONSUMER_AUTOSCALING_SHAPE));
    const options = props.options;
    const release = kedaOf(this, props.keda, 'addConsumerAutoscaling', options);
    const target = this.scaleTarget(options);
    const { kafka, topics } = this.lagTopics(options);
    this.kafka = kafka;
    if (!options.consumerGroup) {
      throw fieldError(this, 'consumerGroup', options.consumerGroup, 'must name the group whose lag drives scaling');
    }
    const listener = kafka._inClusterListener(this, options.listener, 'KEDA reads the lag from inside the cluster');
    const source = { kafka, listener, consumerGroup: options.consumerGroup, topics };
    const authentication = options.authentication ?? props.credentials.authenticationFor({
      ...source, client: this, namespace: target.namespace!, revision: options.credentialsRevision, release,
    });

    const minReplicas = options.minReplicas ?? 1;
    checkCooldowns(this, '', { field: 'minReplicas', value: minReplicas }, options);
    this.scaledObject = lagScaledObject(this, release, {
      name: options.name ?? target.name,
      namespace: target.namespace!,
      target,
      minReplicas,
      maxReplicas: options.maxReplicas,
    }, options);
    this.addLagTriggers(source, options, authentication);
  }

  // The workload, which KEDA must find in the ScaledObject's namespace.
  private scaleTarget(options: KafkaConsumerAutoscalingOptions): ScaleTarget {
    if ((options.deployment === undefined) === (options.target === undefined)) {
      throw fieldError(this, 'deployment', options.deployment?.node.path, 'and target: give exactly one of them');
    }
    const target = options.deployment ? ScaleTarget.fromDeployment(options.deployment) : options.target!;
    if (options.deployment) {
      // The workload's chart is applied before the autoscaling stage, so KEDA finds its target.
      const workloads = Chart.of(options.deployment);
      const stage = Chart.of(this);
      if (workloads !== stage && !workloads.node.dependencies.includes(stage)) {
        stage.addDependency(workloads);
      }
    }
    if (!target.namespace) {
      throw fieldError(this, options.deployment ? 'deployment' : 'target', target.name, 'has no namespace; KEDA needs the ScaledObject in the workload\'s namespace',
        'Set the namespace of the workload (or of its chart)');
    }
    return target;
  }

  // The Kafka cluster and the topic names the group's lag is read on.
  private lagTopics(options: KafkaConsumerAutoscalingOptions): { kafka: Kafka; topics: string[] } {
    const topics = options.topics ?? [];
    const declared = topics.filter((t): t is KafkaTopic => t instanceof KafkaTopic);
    const kafka = options.kafka ?? declared[0]?.kafka;
    if (!kafka) {
      throw fieldError(this, 'kafka', undefined, 'is needed when no declared KafkaTopic names the cluster', 'Pass kafka, or topics as KafkaTopics');
    }
    for (const topic of declared.filter(t => t.kafka !== kafka)) {
      throw fieldError(this, 'topics', topic.topicName, `belongs to the Kafka cluster ${topic.kafka.node.path}, not ${kafka.node.path}`);
    }
    const names = topics.map(t => (t instanceof KafkaTopic ? t.topicName : t));
    if (names.length > CONSUMER_LAG_TRIGGER_LIMIT) {
      throw fieldError(this, 'topics', `${names.length} topics`, `are more than the ${CONSUMER_LAG_TRIGGER_LIMIT} that get one kafka trigger each: the `
        + 'ScaledObject, and what KEDA polls and the HPA evaluates per cycle, would grow with them',
      'Leave topics unset: one trigger then reads the lag of every topic the group has offsets for (KEDA caps it at their partitions together)');
    }
    if (duplicates(names).length > 0) {
      throw fieldError(this, 'topics', names, `lists ${duplicates(names).join(', ')} more than once`);
    }
    return { kafka, topics: names };
  }

  // One trigger per topic, each capped at its topic's partitions (the HPA follows the largest), or
  // one for every topic of the group.
  private addLagTriggers(source: { kafka: Kafka; listener: KafkaListener; consumerGroup: string; topics: string[] },
    options: KafkaConsumerAutoscalingOptions, authentication: ITriggerAuthentication | undefined) {
    const names = source.topics;
    if (names.length === 0) {
      this.scaledObject.addTrigger(lagTrigger('lag', source, undefined, options, authentication));
    }
    for (const topic of names) {
      this.scaledObject.addTrigger(lagTrigger(names.length === 1 ? 'lag' : `lag-${topic}`, source, topic, options, authentication));
    }
    addValidation(this, () => {
      const partitions = names.map(n => declaredPartitions(source.kafka, [n]));
      return partitions.length === 0 || partitions.some(p => p === undefined) ? []
        : partitionCapErrors('maxReplicas', options.maxReplicas, Math.max(...partitions as number[]),
          `the largest topic of consumer group ${options.consumerGroup}`, options);
    });
  }
}
