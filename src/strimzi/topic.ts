import { Construct } from 'constructs';
import type { Kafka } from './kafka';
import { StrimziResource, strimziResourceShape } from './resource';
import { addValidation, fieldError } from '../common/field-errors';
import { Fields, INTEGER, JSON_MAP, STRING, struct, vacantId } from '../common/input-shape';
import { DNS_SUBDOMAIN_RULE, isDnsSubdomain } from '../common/k8s-names';
import { checkNoLiteralSecrets } from '../common/literal-secrets';
import { JsonObject } from '../common/manifest';

/** Options of `Kafka.addTopic()`. */
export interface KafkaTopicOptions {
  /**
   * metadata.name of the KafkaTopic.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The topic's name in Kafka, when it is not a valid Kubernetes name (for example `Orders_v1`).
   *
   * @default - `name`
   */
  readonly topicName?: string;

  /**
   * Number of partitions (at least 1).
   *
   * @default - the cluster's `num.partitions` config, else 1 (Kafka's default)
   */
  readonly partitions?: number;

  /**
   * Replication factor: at least 1 and at most the number of brokers.
   *
   * @default - the cluster's `default.replication.factor`
   */
  readonly replicas?: number;

  /**
   * Topic config, for example `{ 'retention.ms': 604800000 }`. Secrets written literally (under keys such as `*.password` or
   * `sasl.jaas.config`, or key material) are refused: reference them with a config provider,
   * `${secrets:<namespace>/<secret>:<key>}`.
   *
   * @default - none
   */
  readonly config?: { [key: string]: any };
}

const TOPIC_FIELDS: Fields = { name: STRING, topicName: STRING, partitions: INTEGER, replicas: INTEGER, config: JSON_MAP };

/** The shape of `KafkaTopicOptions`. */
export const TOPIC_OPTIONS_SHAPE = struct('KafkaTopicOptions', TOPIC_FIELDS);

const TOPIC_PROPS_SHAPE = struct('KafkaTopicProps', { ...TOPIC_FIELDS, kafka: strimziResourceShape('Kafka', 'KafkaPlatform.addKafka()') }, ['kafka']);

/** Properties of `KafkaTopic`. */
export interface KafkaTopicProps extends KafkaTopicOptions {
  /** The Kafka cluster the topic belongs to. */
  readonly kafka: Kafka;
}

// Kafka's rule for topic names (`org.apache.kafka.common.internals.Topic.validate`): 1-249 characters of
// [a-zA-Z0-9._-], and not `.` or `..`.
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** A KafkaTopic, labelled for its Kafka cluster so the Topic Operator manages it. */
export class KafkaTopic extends StrimziResource {
  /** The Kafka cluster. */
  public readonly kafka: Kafka;

  /** The topic's name in Kafka. */
  public readonly topicName: string;

  private readonly props: KafkaTopicProps;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    const checkedId = vacantId(scope, id, 'KafkaTopic', props, TOPIC_PROPS_SHAPE);
    const name = props.name ?? checkedId;
    super(scope, checkedId, {
      kind: 'KafkaTopic',
      name,
      namespace: props.kafka.namespace,
      release: props.kafka.release,
      labels: { 'strimzi.io/cluster': props.kafka.name },
    });
    if (!isDnsSubdomain(name)) {
      throw fieldError(this, 'name', name, DNS_SUBDOMAIN_RULE,
        `To create the Kafka topic "${name}", give a valid name and set topicName: ${JSON.stringify(name)}`);
    }
    this.kafka = props.kafka;
    this.props = props;
    this.topicName = props.topicName ?? name;
    if (!TOPIC_NAME.test(this.topicName) || this.topicName === '.' || this.topicName === '..') {
      throw fieldError(this, 'topicName', this.topicName,
        'must be a valid Kafka topic name (1-249 characters of letters, digits, \'.\', \'_\' and \'-\'; not \'.\' or \'..\')');
    }
    if (props.partitions !== undefined && (!Number.isInteger(props.partitions) || props.partitions < 1)) {
      throw fieldError(this, 'partitions', props.partitions, 'must be an integer >= 1');
    }
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 1 || props.replicas > 32767)) {
      throw fieldError(this, 'replicas', props.replicas, 'must be an integer from 1 to 32767');
    }
    checkNoLiteralSecrets(this, 'config', '', props.config);
    this.kafka._registerTopic(this);

    addValidation(this, () => {
      const errors = new Array<string>();
      const brokers = this.kafka.brokerCount;
      if (this.replicas > brokers) {
        errors.push(`replicas: ${this.replicas} exceeds the ${brokers} broker(s) of Kafka "${this.kafka.name}"; `
          + 'a topic cannot have more replicas than brokers. Lower replicas or add brokers');
      }
      if (!this.kafka.topicOperator) {
        errors.push(`KafkaTopic "${this.name}" needs the Topic Operator, which is disabled on Kafka "${this.kafka.name}" (entityOperator.topicOperator)`);
      }
      return errors;
    });
  }

  /** Number of partitions: the declared value or the cluster's default. */
  public get partitions(): number {
    return this.props.partitions ?? this.kafka.defaultPartitions;
  }

  /** Replication factor: the declared value or the cluster's default. */
  public get replicas(): number {
    return this.props.replicas ?? this.kafka.defaultReplicationFactor;
  }

  protected renderSpec(): JsonObject {
    return {
      ...(this.topicName !== this.name ? { topicName: this.topicName } : {}),
      partitions: this.partitions,
      replicas: this.replicas,
      ...(this.props.config && Object.keys(this.props.config).length > 0 ? { config: { ...this.props.config } } : {}),
    };
  }
}
