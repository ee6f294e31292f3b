import { Construct, IConstruct } from 'constructs';
import { KafkaAuthorization } from './authorization';
import { AutoscalingHooks } from './autoscaling-hooks';
import { KafkaConnect } from './connect';
import { KafkaConnectOptions } from './connect-options';
import { forbiddenBrokerConfig, forbiddenKeys } from './forbidden-config';
import { KafkaProps } from './kafka-options';
import { defaultKafkaVersion, defaultMetadataVersion } from './kafka-versions';
import { bootstrapAddress, checkListener, chooseInClusterListener, KafkaListener, LISTENER_SHAPE } from './listener';
import { KafkaNodePool, KafkaNodePoolOptions, NODE_POOL_OPTIONS_SHAPE } from './node-pool';
import { StrimziOperator } from './operator';
import { StrimziRelease } from './release';
import { needsKraftAnnotations } from './release-facts';
import { StrimziResource } from './resource';
import { KafkaTopic, KafkaTopicOptions } from './topic';
import { KafkaUser, KafkaUserOptions } from './user';
import { addValidation, fieldError, fieldMessage, pathMessage } from '../common/field-errors';
import { arrayOf, BOOLEAN, checkInput, Fields, instanceOf, JSON_MAP, OPTIONS, STRING, struct, vacantId } from '../common/input-shape';
import { DNS_LABEL_RULE, isDnsLabel, isRfc1035Label } from '../common/k8s-names';
import { checkNoLiteralSecrets } from '../common/literal-secrets';
import { JsonObject } from '../common/manifest';
import { Version } from '../common/version';

const METADATA_VERSION = /^(\d+)\.(\d+)(-IV\d+)?$/;

const KAFKA_FIELDS: Fields = {
  name: STRING,
  namespace: STRING,
  kafkaVersion: STRING,
  metadataVersion: STRING,
  nodePools: arrayOf(NODE_POOL_OPTIONS_SHAPE),
  listeners: arrayOf(LISTENER_SHAPE),
  authorization: instanceOf('KafkaAuthorization', () => KafkaAuthorization, 'KafkaAuthorization.simple() or .custom()'),
  config: JSON_MAP,
  entityOperator: struct('EntityOperatorOptions', { topicOperator: BOOLEAN, userOperator: BOOLEAN }),
  cruiseControl: struct('CruiseControlOptions', { config: JSON_MAP }),
  rack: struct('RackAwarenessOptions', { topologyKey: STRING }, ['topologyKey']),
};

/** The shape of `KafkaOptions`. */
export const KAFKA_OPTIONS_SHAPE = struct('KafkaOptions', KAFKA_FIELDS);

const KAFKA_PROPS_SHAPE = struct('KafkaProps', {
  ...KAFKA_FIELDS,
  operator: instanceOf('StrimziOperator', () => StrimziOperator, 'new StrimziOperator() (KafkaPlatform creates one)'),
  release: instanceOf('StrimziRelease', () => StrimziRelease, 'StrimziRelease.fromDirectory(), .fromFile() or .fromUrl()'),
}, ['operator']);

/**
 * A Kafka cluster in KRaft mode with node pools, managed by a Strimzi Cluster Operator.
 */
export class Kafka extends StrimziResource {
  /** The Cluster Operator that manages the cluster. */
  public readonly operator: StrimziOperator;

  /** The Kafka version. */
  public readonly kafkaVersion: string;

  /** The KRaft metadata version. */
  public readonly metadataVersion: string;

  /** Authorization, if any. */
  public readonly authorization?: KafkaAuthorization;

  /** Whether the Topic Operator runs. */
  public readonly topicOperator: boolean;

  /** Whether the User Operator runs. */
  public readonly userOperator: boolean;

  /** The Secret with the cluster CA certificate (`ca.crt`) that clients trust. */
  public readonly clusterCaCertSecret: string;

  private readonly props: KafkaProps;
  private readonly _listeners = new Array<KafkaListener>();
  private readonly _nodePools = new Array<KafkaNodePool>();
  private readonly _topics = new Array<KafkaTopic>();
  /** The first declared topic of each Kafka topic name. */
  private readonly topicsByName = new Map<string, KafkaTopic>();
  private readonly exporterWanted = new Array<() => boolean>();
  private autoscalingHooks?: AutoscalingHooks;

  constructor(scope: Construct, id: string, props: KafkaProps) {
    const checkedId = vacantId(scope, id, 'Kafka', props, KAFKA_PROPS_SHAPE);
    const name = props.name ?? checkedId;
    const namespace = props.namespace ?? props.operator.namespace;
    const release = props.release ?? props.operator.release;
    super(scope, checkedId, {
      kind: 'Kafka',
      name,
      namespace,
      release,
      // 0.41-0.47 run KRaft and node pools only with these annotations; 0.48+ ignores them.
      annotations: needsKraftAnnotations(release._version)
        ? { 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' }
        : undefined,
    });
    this.operator = props.operator;
    this.props = props;
    this.validateNames(name, namespace);

    this.kafkaVersion = props.kafkaVersion ?? defaultKafkaVersion(release);
    if (release.kafkaVersions.length > 0 && !release.kafkaVersions.includes(this.kafkaVersion)) {
      throw fieldError(this, 'kafkaVersion', this.kafkaVersion, `is not supported by Strimzi ${release.version}`,
        `Supported: ${release.kafkaVersions.join(', ')}`);
    }
    this.metadataVersion = props.metadataVersion ?? defaultMetadataVersion(release, this.kafkaVersion);
    this.validateMetadataVersion(props.metadataVersion);

    const forbidden = forbiddenKeys(props.config, forbiddenBrokerConfig(release._version));
    if (forbidden.length > 0) {
      throw fieldError(this, 'config', forbidden, 'are managed by Strimzi and cannot be set in the broker config',
        'Use listeners, authorization and node pools instead');
    }
    checkNoLiteralSecrets(this, 'config', '', props.config);
    checkNoLiteralSecrets(this, 'cruiseControl.config', '', props.cruiseControl?.config);
    if (props.rack && !props.rack.topologyKey) {
      throw fieldError(this, 'rack.topologyKey', props.rack.topologyKey, 'must name a node label');
    }
    this.authorization = props.authorization;
    this.topicOperator = props.entityOperator?.topicOperator ?? true;
    this.userOperator = props.entityOperator?.userOperator ?? true;
    this.clusterCaCertSecret = `${name}-cluster-ca-cert`;

    for (const listener of props.listeners ?? []) {
      this.addListener(listener);
    }
    for (const pool of props.nodePools ?? []) {
      this.addNodePool(pool);
    }
    addValidation(this, () => this.validateCluster());
  }

  /** The listeners. */
  public get listeners(): KafkaListener[] {
    return [...this._listeners];
  }

  /** The node pools. */
  public get nodePools(): KafkaNodePool[] {
    return [...this._nodePools];
  }

  /** Number of broker nodes, over all pools. */
  public get brokerCount(): number {
    return this._nodePools.filter(p => p.isBroker).reduce((n, p) => n + p.replicas, 0);
  }

  /** The broker config as emitted: the declared config plus replication defaults for the broker count. */
  public get effectiveConfig(): { [key: string]: any } {
    // Kafka's defaults (replication factor 3 for internal topics) break clusters with fewer than
    // 3 brokers; these are Strimzi's example values for 3 brokers, scaled down for fewer.
    const rf = Math.max(1, Math.min(3, this.brokerCount));
    const minIsr = rf > 2 ? 2 : 1;
    return {
      'default.replication.factor': rf,
      'min.insync.replicas': minIsr,
      'offsets.topic.replication.factor': rf,
      'transaction.state.log.replication.factor': rf,
      'transaction.state.log.min.isr': minIsr,
      ...this.props.config,
    };
  }

  /** Partitions of a topic that declares none (`num.partitions`, else Kafka's default 1). */
  public get defaultPartitions(): number {
    return Number(this.effectiveConfig['num.partitions'] ?? 1);
  }

  /** Replicas of a topic that declares none (`default.replication.factor`). */
  public get defaultReplicationFactor(): number {
    return Number(this.effectiveConfig['default.replication.factor']);
  }

  /** Adds a listener. */
  public addListener(listener: KafkaListener): void {
    checkListener(this, listener, this._listeners);
    this._listeners.push({ ...listener });
  }

  /** Adds a node pool. */
  public addNodePool(options: KafkaNodePoolOptions): KafkaNodePool {
    checkInput(this, `nodePools[${this._nodePools.length}]`, options, NODE_POOL_OPTIONS_SHAPE);
    if (this._nodePools.some(p => p.name === options.name)) {
      throw fieldError(this, 'nodePools[].name', options.name, 'is used by another node pool of this cluster');
    }
    const pool = new KafkaNodePool(this, `pool-${options.name}`, { ...options, kafka: this });
    this._nodePools.push(pool);
    return pool;
  }

  /** Adds a KafkaTopic. */
  public addTopic(id: string, options: KafkaTopicOptions = {}): KafkaTopic {
    checkInput(this, 'options', options, OPTIONS);
    return new KafkaTopic(this, id, { ...options, kafka: this });
  }

  /** Adds a KafkaUser. */
  public addUser(id: string, options: KafkaUserOptions = {}): KafkaUser {
    checkInput(this, 'options', options, OPTIONS);
    return new KafkaUser(this, id, { ...options, kafka: this });
  }

  /** Adds a Kafka Connect cluster that connects to this cluster. */
  public addConnect(id: string, options: KafkaConnectOptions = {}): KafkaConnect {
    checkInput(this, 'options', options, OPTIONS);
    return new KafkaConnect(this, id, { ...options, kafka: this });
  }

  /** The listener with this name. */
  public listener(name: string): KafkaListener {
    const listener = this._listeners.find(l => l.name === name);
    if (!listener) {
      throw new Error(pathMessage(this, `Kafka "${this.name}" has no listener "${name}" (listeners: ${this._listeners.map(l => l.name).join(', ') || 'none'})`));
    }
    return listener;
  }

  /** The in-cluster bootstrap address of a listener: `<service>.<namespace>.svc:<port>`. */
  public bootstrapServers(listenerName: string): string {
    return bootstrapAddress(this.name, this.namespace, this.listener(listenerName));
  }

  /**
   * The listener an in-cluster client uses: the named one, which must be internal or cluster-ip, or
   * by default the first internal TLS listener, else the first internal one.
   * @internal
   */
  public _inClusterListener(client: IConstruct, name: string | undefined, why: string): KafkaListener {
    return chooseInClusterListener(client, this.name, this._listeners, name, why);
  }

  /** The topics of this cluster. */
  public get topics(): KafkaTopic[] {
    return [...this._topics];
  }

  /** The declared topic with this Kafka name, if any. */
  public findTopic(topicName: string): KafkaTopic | undefined {
    return this.topicsByName.get(topicName);
  }

  /**
   * Records a topic of this cluster (called by KafkaTopic).
   * @internal
   */
  public _registerTopic(topic: KafkaTopic): void {
    this._topics.push(topic);
    if (!this.topicsByName.has(topic.topicName)) {
      this.topicsByName.set(topic.topicName, topic);
    }
  }

  protected renderSpec(): JsonObject {
    const p = this.props;
    const entityOperator = {
      ...(this.topicOperator ? { topicOperator: {} } : {}),
      ...(this.userOperator ? { userOperator: {} } : {}),
    };
    return {
      kafka: {
        version: this.kafkaVersion,
        metadataVersion: this.metadataVersion,
        listeners: this._listeners.map(l => ({
          name: l.name,
          port: l.port,
          type: l.type,
          tls: l.tls,
          ...(l.authentication ? { authentication: l.authentication._render() } : {}),
          ...(l.configuration ? { configuration: l.configuration } : {}),
        })),
        ...(this.authorization ? { authorization: this.authorization._render() } : {}),
        config: this.effectiveConfig,
        ...(p.rack ? { rack: { topologyKey: p.rack.topologyKey } } : {}),
      },
      ...(Object.keys(entityOperator).length > 0 ? { entityOperator } : {}),
      ...(p.cruiseControl ? { cruiseControl: p.cruiseControl.config ? { config: p.cruiseControl.config } : {} } : {}),
      // Strimzi's defaults: every group and topic (groupRegex and topicRegex `.*`, Kafka CRD).
      ...(this.exporterWanted.some(wanted => wanted()) ? { kafkaExporter: {} } : {}),
    };
  }

  /**
   * Deploys Strimzi's Kafka Exporter with the cluster when `wanted()` says so at synthesis (an
   * autoscaling that reads summed consumer lag from Prometheus).
   * @internal
   */
  public _enableKafkaExporterWhen(wanted: () => boolean): void {
    this.exporterWanted.push(wanted);
  }

  /**
   * Who builds the KEDA objects that the autoscaling options of this cluster's Connect clusters and
   * connectors ask for; the KafkaPlatform sets itself when it creates the cluster.
   * @internal
   */
  public _useAutoscaling(hooks: AutoscalingHooks): void {
    this.autoscalingHooks = hooks;
  }

  /**
   * The autoscaling hooks, if a KafkaPlatform created the cluster.
   * @internal
   */
  public get _autoscaling(): AutoscalingHooks | undefined {
    return this.autoscalingHooks;
  }

  // Strimzi derives Service names such as `<cluster>-kafka-bootstrap` from the cluster name.
  private validateNames(name: string, namespace: string) {
    if (!isRfc1035Label(name) || !isRfc1035Label(`${name}-kafka-bootstrap`)) {
      throw fieldError(this, 'name', name, 'must be a lowercase RFC 1035 label (letters, digits and \'-\', starting with a letter) '
        + 'of at most 47 characters, because Strimzi names Services <name>-kafka-bootstrap (at most 63 characters)');
    }
    if (!isDnsLabel(namespace)) {
      throw fieldError(this, 'namespace', namespace, DNS_LABEL_RULE);
    }
    const watched = this.operator.watchNamespaces;
    const own = this.operator.namespace;
    const isWatched = watched.length === 0 ? namespace === own : watched.includes('*') || watched.includes(namespace);
    if (!isWatched) {
      throw fieldError(this, 'namespace', namespace, `is not watched by the Strimzi operator (watchNamespaces: ${JSON.stringify(watched.length ? watched : [own])})`,
        'Add it to the platform\'s watchNamespaces');
    }
  }

  private validateMetadataVersion(declared: string | undefined) {
    if (declared === undefined) {
      return;
    }
    const m = METADATA_VERSION.exec(declared);
    if (!m) {
      throw fieldError(this, 'metadataVersion', declared, 'must look like MAJOR.MINOR or MAJOR.MINOR-IVn (for example 4.2 or 4.2-IV1)');
    }
    const kafka = Version.tryParse(this.kafkaVersion)!;
    const [major, minor] = [Number(m[1]), Number(m[2])];
    if (major > kafka.major || (major === kafka.major && minor > kafka.minor)) {
      throw fieldError(this, 'metadataVersion', declared, `is newer than kafkaVersion ${this.kafkaVersion}`,
        `The metadata version can be at most ${kafka.minorLine}`);
    }
  }

  private validateCluster(): string[] {
    const errors = new Array<string>();
    if (this._listeners.length === 0) {
      errors.push(fieldMessage('listeners', [], 'must have at least one listener', 'Add one with listeners or addListener()'));
    }
    const controllers = this._nodePools.filter(p => p.isController).reduce((n, p) => n + p.replicas, 0);
    if (controllers === 0) {
      errors.push(fieldMessage('nodePools', this._nodePools.map(p => `${p.name}:${p.roles.join('+')}x${p.replicas}`),
        'has no controller nodes; a KRaft cluster needs a controller quorum', 'Add a pool with KafkaNodeRole.CONTROLLER and replicas >= 1'));
    }
    if (this.brokerCount === 0) {
      errors.push(fieldMessage('nodePools', this._nodePools.map(p => `${p.name}:${p.roles.join('+')}x${p.replicas}`),
        'has no broker nodes', 'Add a pool with KafkaNodeRole.BROKER and replicas >= 1'));
    }
    for (const topic of this._topics) {
      const first = this.topicsByName.get(topic.topicName)!;
      if (first !== topic) {
        errors.push(`topics: KafkaTopics "${first.name}" and "${topic.name}" both manage the Kafka topic "${topic.topicName}"`);
      }
    }
    return errors;
  }
}
