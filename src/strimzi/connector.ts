import { Construct } from 'constructs';
import type { KafkaConnect } from './connect';
import { connectorScaleSelector } from './connector-scale-selector';
import { CONNECTOR_SCALE_SELECTOR_FIELD } from './crds';
import { CONNECTOR_RESERVED_KEYS } from './forbidden-config';
import { StrimziResource, strimziResourceShape } from './resource';
import { KafkaTopic } from './topic';
import { CONNECTOR_AUTOSCALING_SHAPE, KafkaConnectorAutoscalingOptions } from '../autoscaling-options/lag-scaling';
import { duplicates } from '../common/duplicates';
import { fieldError } from '../common/field-errors';
import { anyOf, arrayOf, BOOLEAN, enumOf, instanceOf, INTEGER, JSON_MAP, own, STRING, struct, vacantId } from '../common/input-shape';
import { DNS_SUBDOMAIN_RULE, isDnsSubdomain } from '../common/k8s-names';
import { checkNoLiteralSecrets } from '../common/literal-secrets';
import { JsonObject } from '../common/manifest';

/** The state a connector should be in (KafkaConnector CRD `spec.state`). */
export enum KafkaConnectorState {
  /** Running. */
  RUNNING = 'running',
  /** Paused: tasks stay assigned but do not process records. */
  PAUSED = 'paused',
  /** Stopped: tasks are shut down; offsets can be altered. */
  STOPPED = 'stopped',
}

/** Automatic restarts of a failed connector or task. */
export interface KafkaConnectorAutoRestart {
  /**
   * Whether the operator restarts failed connectors and tasks.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Restarts before the operator gives up.
   *
   * @default - unlimited
   */
  readonly maxRestarts?: number;
}

/** Options of `KafkaConnect.addConnector()`. */
export interface KafkaConnectorOptions {
  /**
   * metadata.name, which is also the connector's name in Connect (sink connectors consume as group
   * `connect-<name>`).
   *
   * @default - the construct id
   */
  readonly name?: string;

  /** The connector class, for example `io.confluent.connect.s3.S3SinkConnector`. */
  readonly className: string;

  /**
   * Maximum number of tasks (at least 1).
   *
   * @default - the connector's default
   */
  readonly tasksMax?: number;

  /**
   * Topics a sink connector consumes, as declared topics or topic names; they become `topics` in
   * the connector config. A connector with topics is a sink.
   *
   * @default - none (a source connector, or a sink configured with `topics.regex`)
   */
  readonly topics?: Array<KafkaTopic | string>;

  /**
   * Connector config. `connector.class`, `tasks.max`, `name` and `connector.plugin.version` are
   * refused: set `className` and `tasksMax` instead. Secrets written literally (under keys such as `*.password` or
   * `sasl.jaas.config`, or key material) are refused: reference them with a config provider,
   * `${secrets:<namespace>/<secret>:<key>}`.
   *
   * @default - none
   */
  readonly config?: { [key: string]: any };

  /**
   * The state the connector should be in.
   *
   * @default KafkaConnectorState.RUNNING
   */
  readonly state?: KafkaConnectorState;

  /**
   * Automatic restarts of failed connectors and tasks.
   *
   * @default - no automatic restarts
   */
  readonly autoRestart?: KafkaConnectorAutoRestart;

  /**
   * Scale the connector's tasks with KEDA on its consumer group's lag (sink connectors only); needs
   * the platform's `keda`. `tasksMax` then starts at `minTasks` unless set.
   *
   * @default - no autoscaling
   */
  readonly autoscaling?: KafkaConnectorAutoscalingOptions;
}

/** Properties of `KafkaConnector`. */
export interface KafkaConnectorProps extends KafkaConnectorOptions {
  /** The Connect cluster that runs the connector. */
  readonly connect: KafkaConnect;
}

const CONNECTOR_PROPS_SHAPE = struct('KafkaConnectorProps', {
  connect: strimziResourceShape('KafkaConnect', 'kafka.addConnect()'),
  name: STRING,
  className: STRING,
  tasksMax: INTEGER,
  topics: arrayOf(anyOf('a KafkaTopic or a topic name', instanceOf('KafkaTopic', () => KafkaTopic, 'kafka.addTopic()'), STRING)),
  config: JSON_MAP,
  state: enumOf(KafkaConnectorState, 'KafkaConnectorState'),
  autoRestart: struct('KafkaConnectorAutoRestart', { enabled: BOOLEAN, maxRestarts: INTEGER }),
  autoscaling: CONNECTOR_AUTOSCALING_SHAPE,
}, ['connect', 'className']);

/** A KafkaConnector, labelled for the Connect cluster that runs it. */
export class KafkaConnector extends StrimziResource {
  /** The Connect cluster. */
  public readonly connect: KafkaConnect;

  /** The connector class. */
  public readonly className: string;

  /** Names of the topics the connector consumes (empty for a source connector). */
  public readonly sinkTopicNames: string[];

  /** The declared topics among `topics`. */
  public readonly sinkTopics: KafkaTopic[];

  /** The consumer group of a sink connector: `connect-<name>`, or `consumer.override.group.id`. */
  public readonly consumerGroup: string;

  /** How the tasks are autoscaled, if they are (the KafkaPlatform builds the ScaledObject). */
  public readonly autoscaling?: KafkaConnectorAutoscalingOptions;

  private readonly props: KafkaConnectorProps;
  private _tasksMax?: number;
  private _scaleSelector?: string;

  constructor(scope: Construct, id: string, props: KafkaConnectorProps) {
    const checkedId = vacantId(scope, id, 'KafkaConnector', props, CONNECTOR_PROPS_SHAPE);
    const name = props.name ?? checkedId;
    super(scope, checkedId, {
      kind: 'KafkaConnector',
      name,
      namespace: props.connect.namespace,
      release: props.connect.release,
      labels: { 'strimzi.io/cluster': props.connect.name },
    });
    this.connect = props.connect;
    this.props = props;
    if (!isDnsSubdomain(name)) {
      throw fieldError(this, 'name', name, DNS_SUBDOMAIN_RULE);
    }
    if (typeof props.className !== 'string' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(props.className)) {
      throw fieldError(this, 'className', props.className, 'must be a fully qualified Java class name');
    }
    this.className = props.className;
    if (props.tasksMax !== undefined && (!Number.isInteger(props.tasksMax) || props.tasksMax < 1)) {
      throw fieldError(this, 'tasksMax', props.tasksMax, 'must be an integer >= 1');
    }
    this._tasksMax = props.tasksMax;
    this.validateConfig(props);
    const topics = props.topics ?? [];
    this.sinkTopics = topics.filter((t): t is KafkaTopic => t instanceof KafkaTopic);
    this.sinkTopicNames = topics.map(t => (t instanceof KafkaTopic ? t.topicName : t));
    this.validateTopics(topics, props.config);
    this.consumerGroup = String(own(props.config, 'consumer.override.group.id') ?? `connect-${name}`);
    this.autoscaling = props.autoscaling;
  }

  /** Maximum number of tasks, if set (always set when the tasks are autoscaled). */
  public get tasksMax(): number | undefined {
    return this._tasksMax;
  }

  /**
   * Where a sink connector's consumer starts on partitions without a committed offset
   * (`auto.offset.reset`), and which setting says so. Kafka Connect builds the sink consumer's config
   * from `auto.offset.reset=earliest`, then the worker's `consumer.*` keys, then the connector's
   * `consumer.override.*` keys (apache/kafka 3.9 connect/runtime/.../Worker.java, baseConsumerConfigs).
   * An override the worker's `connector.client.config.override.policy` refuses stops the tasks
   * (Worker.connectorClientConfigOverrides), so a running sink uses it. Strimzi sets none of these keys.
   * @internal
   */
  public _sinkOffsetReset(): { value: string; from: string } {
    const override = own(this.props.config, 'consumer.override.auto.offset.reset');
    if (override !== undefined) {
      return { value: String(override), from: `config["consumer.override.auto.offset.reset"] of KafkaConnector ${this.name}` };
    }
    const worker = this.connect._workerConfig('consumer.auto.offset.reset');
    if (worker !== undefined) {
      return { value: String(worker), from: `config["consumer.auto.offset.reset"] of KafkaConnect ${this.connect.name}` };
    }
    return { value: 'earliest', from: 'Kafka Connect\'s setting for every sink consumer (apache/kafka Worker.java, baseConsumerConfigs)' };
  }

  /** The label selector the patched CRD's scale subresource reports, when the tasks are autoscaled. */
  public get scaleSelector(): string | undefined {
    return this._scaleSelector;
  }

  /**
   * Marks the tasks as driven by an autoscaler through the patched CRD's scale subresource: the
   * connector then carries a selector unique to it, and `tasksMax` is always set (GET /scale fails
   * when `specReplicasPath` has no value), starting at `startTasks` unless declared.
   * @internal
   */
  public _markAutoscaled(startTasks: number): void {
    this._scaleSelector = connectorScaleSelector(this.namespace, this.name);
    this._tasksMax ??= startTasks;
  }

  /** The state the connector should be in. */
  public get state(): KafkaConnectorState {
    return this.props.state ?? KafkaConnectorState.RUNNING;
  }

  /** Whether this is a sink connector (it has topics). */
  public get isSink(): boolean {
    return this.sinkTopicNames.length > 0;
  }

  private validateConfig(props: KafkaConnectorProps) {
    for (const key of Object.keys(props.config ?? {})) {
      const instead = own(CONNECTOR_RESERVED_KEYS, key);
      if (instead !== undefined) {
        throw fieldError(this, `config["${key}"]`, props.config![key], 'is reserved by Kafka Connect and Strimzi', `Use ${instead} instead`);
      }
    }
    checkNoLiteralSecrets(this, 'config', '', props.config);
    if (props.autoRestart?.maxRestarts !== undefined && (!Number.isInteger(props.autoRestart.maxRestarts) || props.autoRestart.maxRestarts < 0)) {
      throw fieldError(this, 'autoRestart.maxRestarts', props.autoRestart.maxRestarts, 'must be an integer >= 0');
    }
  }

  private validateTopics(topics: Array<KafkaTopic | string>, config: { [key: string]: any } | undefined) {
    for (const topic of this.sinkTopics) {
      if (topic.kafka !== this.connect.kafka) {
        throw fieldError(this, 'topics', topic.topicName, `belongs to the Kafka cluster ${topic.kafka.node.path}, but Connect "${this.connect.name}" uses ${this.connect.kafka.node.path}`);
      }
    }
    for (const topic of this.sinkTopicNames) {
      if (typeof topic !== 'string' || topic.length === 0) {
        throw fieldError(this, 'topics', topic, 'must be a KafkaTopic or a topic name');
      }
    }
    const dups = duplicates(this.sinkTopicNames);
    if (dups.length > 0) {
      throw fieldError(this, 'topics', this.sinkTopicNames, `lists ${dups.join(', ')} more than once`);
    }
    if (topics.length > 0) {
      for (const key of ['topics', 'topics.regex']) {
        if (own(config, key) !== undefined) {
          throw fieldError(this, `config["${key}"]`, config![key], 'conflicts with the topics property', 'Set the topics in one place');
        }
      }
    }
  }

  protected renderSpec(): JsonObject {
    const p = this.props;
    const config = {
      ...p.config,
      ...(this.isSink ? { topics: this.sinkTopicNames.join(',') } : {}),
    };
    return {
      class: this.className,
      ...(this._tasksMax !== undefined ? { tasksMax: this._tasksMax } : {}),
      ...(this._scaleSelector !== undefined ? { [CONNECTOR_SCALE_SELECTOR_FIELD]: this._scaleSelector } : {}),
      ...(Object.keys(config).length > 0 ? { config } : {}),
      ...(p.state !== undefined ? { state: p.state } : {}),
      ...(p.autoRestart ? {
        autoRestart: {
          enabled: p.autoRestart.enabled ?? true,
          ...(p.autoRestart.maxRestarts !== undefined ? { maxRestarts: p.autoRestart.maxRestarts } : {}),
        },
      } : {}),
    };
  }
}
