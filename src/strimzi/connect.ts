import { Construct, IConstruct } from 'constructs';
import { ACL_SHAPE, AclOperation, AclPatternType, AclResource, KafkaAcl } from './acl';
import { boundedAcls, LITERAL_ACL_LIMIT } from './acl-cover';
import { AutoscalingHooks } from './autoscaling-hooks';
import { ConnectBuildOutput, KafkaConnectBuild, PluginArtifact } from './connect-build';
import { KafkaConnectProps } from './connect-options';
import { KafkaConnector, KafkaConnectorOptions } from './connector';
import { forbiddenConnectConfig, forbiddenKeys } from './forbidden-config';
import { JVM_OPTIONS_SHAPE, renderJvmOptions } from './jvm-options';
import type { Kafka } from './kafka';
import { KafkaListener } from './listener';
import { strimziApiVersion } from './release-facts';
import { StrimziResource, strimziResourceShape } from './resource';
import { KafkaUser, KafkaUserAuthentication } from './user';
import { CONNECT_AUTOSCALING_SHAPE, KafkaConnectAutoscalingOptions } from '../autoscaling-options/lag-scaling';
import { duplicates } from '../common/duplicates';
import { fieldError } from '../common/field-errors';
import { arrayOf, BOOLEAN, checkInput, instanceOf, INTEGER, JSON_MAP, markGenerated, OPTIONS, own, STRING, struct, vacantGeneratedId, vacantId } from '../common/input-shape';
import { isRfc1035Label } from '../common/k8s-names';
import { checkNoLiteralSecrets } from '../common/literal-secrets';
import { JsonObject } from '../common/manifest';
import { CONTAINER_RESOURCES_SHAPE, renderResources } from '../common/resource-requirements';
import { shownOptions } from '../common/shown-options';

const PLUGIN_NAME = /^[a-z0-9][-_a-z0-9]*[a-z0-9]$/;

const CONNECT_PROPS_SHAPE = struct('KafkaConnectProps', {
  kafka: strimziResourceShape('Kafka', 'KafkaPlatform.addKafka()'),
  name: STRING,
  replicas: INTEGER,
  version: STRING,
  listener: STRING,
  user: strimziResourceShape('KafkaUser', 'kafka.addUser()'),
  acls: arrayOf(ACL_SHAPE),
  groupId: STRING,
  configStorageTopic: STRING,
  offsetStorageTopic: STRING,
  statusStorageTopic: STRING,
  config: JSON_MAP,
  imageBuild: struct('KafkaConnectBuild', {
    output: instanceOf('ConnectBuildOutput', () => ConnectBuildOutput, 'ConnectBuildOutput.docker() or .imageStream()'),
    plugins: arrayOf(struct('ConnectPlugin', {
      name: STRING,
      artifacts: arrayOf(instanceOf('PluginArtifact', () => PluginArtifact, 'PluginArtifact.jar(), .tgz(), .zip(), .maven() or .other()')),
    }, ['name', 'artifacts'])),
  }, ['output', 'plugins']),
  image: STRING,
  resources: CONTAINER_RESOURCES_SHAPE,
  jvmOptions: JVM_OPTIONS_SHAPE,
  useConnectorResources: BOOLEAN,
  autoscaling: CONNECT_AUTOSCALING_SHAPE,
}, ['kafka']);

/**
 * A Kafka Connect cluster wired to its Kafka cluster: bootstrap address, TLS trust of the cluster CA,
 * authentication as a KafkaUser, connector resources enabled.
 */
export class KafkaConnect extends StrimziResource {
  /** The Kafka cluster. */
  public readonly kafka: Kafka;

  /** The listener Connect uses. */
  public readonly listener: KafkaListener;

  /** The bootstrap address (`<service>.<namespace>.svc:<port>`). */
  public readonly bootstrapServers: string;

  /** The user Connect authenticates as, if the listener authenticates clients. */
  public readonly user?: KafkaUser;

  /** Number of workers. */
  public readonly replicas: number;

  /** Kafka version of the workers. */
  public readonly version: string;

  /** Consumer group of the Connect cluster. */
  public readonly groupId: string;

  /** Whether KafkaConnector resources are used. */
  public readonly useConnectorResources: boolean;

  /** How the workers are autoscaled, if they are (the KafkaPlatform builds the ScaledObject). */
  public readonly autoscaling?: KafkaConnectAutoscalingOptions;

  private readonly props: KafkaConnectProps;
  private readonly storageTopics: { config: string; offset: string; status: string };
  private readonly _connectors = new Array<KafkaConnector>();

  constructor(scope: Construct, id: string, props: KafkaConnectProps) {
    const checkedId = vacantId(scope, id, 'KafkaConnect', props, CONNECT_PROPS_SHAPE);
    const name = props.name ?? checkedId;
    const useConnectorResources = props.useConnectorResources ?? true;
    super(scope, checkedId, {
      kind: 'KafkaConnect',
      name,
      namespace: props.kafka.namespace,
      release: props.kafka.release,
      annotations: useConnectorResources ? { 'strimzi.io/use-connector-resources': 'true' } : undefined,
    });
    this.kafka = props.kafka;
    this.props = props;
    this.useConnectorResources = useConnectorResources;
    // Strimzi names the REST Service `<name>-connect-api`.
    if (!isRfc1035Label(name) || !isRfc1035Label(`${name}-connect-api`)) {
      throw fieldError(this, 'name', name, 'must be a lowercase RFC 1035 label of at most 51 characters, because Strimzi names '
        + 'the REST Service <name>-connect-api (at most 63 characters)');
    }
    this.replicas = props.replicas ?? 3;
    if (!Number.isInteger(this.replicas) || this.replicas < 0) {
      throw fieldError(this, 'replicas', this.replicas, 'must be an integer >= 0');
    }
    this.version = props.version ?? this.kafka.kafkaVersion;
    if (this.release.kafkaVersions.length > 0 && !this.release.kafkaVersions.includes(this.version)) {
      throw fieldError(this, 'version', this.version, `is not supported by Strimzi ${this.release.version}`,
        `Supported: ${this.release.kafkaVersions.join(', ')}`);
    }
    this.groupId = props.groupId ?? name;
    this.storageTopics = {
      config: props.configStorageTopic ?? `${name}-configs`,
      offset: props.offsetStorageTopic ?? `${name}-offsets`,
      status: props.statusStorageTopic ?? `${name}-status`,
    };
    const forbidden = forbiddenKeys(props.config, forbiddenConnectConfig(this.release._version));
    if (forbidden.length > 0) {
      throw fieldError(this, 'config', forbidden, 'are managed by Strimzi or by this construct and cannot be set in the Connect config',
        'Use the groupId, configStorageTopic, offsetStorageTopic, statusStorageTopic and listener properties');
    }
    checkNoLiteralSecrets(this, 'config', '', props.config);
    this.validateBuild(props.imageBuild);

    this.listener = this.kafka._inClusterListener(this, props.listener, 'Connect runs in the cluster');
    this.bootstrapServers = this.kafka.bootstrapServers(this.listener.name);
    this.user = this.connectUser(id, name, props);
    this.autoscaling = props.autoscaling;
    this.autoscalingHooks(this, props.autoscaling)?.connectAdded(this);
  }

  /**
   * A key of the worker config as declared (`config`), if set.
   * @internal
   */
  public _workerConfig(key: string): unknown {
    return own(this.props.config, key);
  }

  /** The connectors of this Connect cluster. */
  public get connectors(): KafkaConnector[] {
    return [...this._connectors];
  }

  /** Adds a KafkaConnector run by this Connect cluster. */
  public addConnector(id: string, options: KafkaConnectorOptions): KafkaConnector {
    checkInput(this, 'options', options, OPTIONS);
    if (!this.useConnectorResources) {
      throw fieldError(this, 'useConnectorResources', false, `means KafkaConnect "${this.name}" ignores KafkaConnector resources`,
        'Set useConnectorResources: true (the default) to manage connectors with addConnector()');
    }
    const connector = new KafkaConnector(this, id, { ...options, connect: this });
    this._connectors.push(connector);
    this.autoscalingHooks(connector, connector.autoscaling)?.connectorAdded(connector);
    return connector;
  }

  protected renderSpec(): JsonObject {
    const p = this.props;
    const v1 = strimziApiVersion(this.release._version) === 'v1';
    const storage = {
      groupId: this.groupId,
      configStorageTopic: this.storageTopics.config,
      offsetStorageTopic: this.storageTopics.offset,
      statusStorageTopic: this.storageTopics.status,
    };
    // v1 has fields for the group and storage topics; v1beta2 takes them in config (CHANGELOG 0.49.0; the v1 KafkaConnect CRD requires groupId and the three storage topics).
    const legacyConfig = v1 ? {} : {
      'group.id': storage.groupId,
      'config.storage.topic': storage.configStorageTopic,
      'offset.storage.topic': storage.offsetStorageTopic,
      'status.storage.topic': storage.statusStorageTopic,
    };
    return {
      version: this.version,
      replicas: this.replicas,
      bootstrapServers: this.bootstrapServers,
      ...(v1 ? storage : {}),
      ...(this.listener.tls
        ? { tls: { trustedCertificates: [{ secretName: this.kafka.clusterCaCertSecret, certificate: 'ca.crt' }] } }
        : {}),
      ...(this.user ? { authentication: this.renderAuthentication(this.user) } : {}),
      config: {
        ...legacyConfig,
        // -1: the broker's default.replication.factor, so small clusters work (Connect defaults to 3).
        'config.storage.replication.factor': -1,
        'offset.storage.replication.factor': -1,
        'status.storage.replication.factor': -1,
        ...p.config,
      },
      ...(p.image ? { image: p.image } : {}),
      ...(p.resources ? { resources: renderResources(p.resources) } : {}),
      ...(p.jvmOptions ? { jvmOptions: renderJvmOptions(p.jvmOptions, (f, val, r) => fieldError(this, f, val, r)) } : {}),
      ...(p.imageBuild ? {
        build: {
          output: p.imageBuild.output._render(),
          plugins: p.imageBuild.plugins.map(plugin => ({ name: plugin.name, artifacts: plugin.artifacts.map(a => a._render().artifact) })),
        },
      } : {}),
    };
  }

  // The user Connect authenticates as: the one given, or one the library creates with the ACLs
  // the workers need (and, as connectors are added, the ACLs of the sink connectors).
  private connectUser(id: string, name: string, props: KafkaConnectProps): KafkaUser | undefined {
    const auth = this.listener.authentication?.type;
    if (auth === 'custom') {
      throw fieldError(this, 'listener', this.listener.name, 'uses custom authentication, which this library cannot wire',
        'Choose a listener with tls or scram-sha-512 authentication, or none');
    }
    if (props.user) {
      this.checkUser(props.user, auth);
      return props.user;
    }
    if (!auth) {
      return undefined;
    }
    const why = `the KafkaUser KafkaConnect ${this.node.path} authenticates as`;
    const user = markGenerated(this.kafka.addUser(vacantGeneratedId(this.kafka, `${id}-user`, why), {
      name: `${name}-connect`,
      authentication: auth === 'tls' ? KafkaUserAuthentication.tls() : KafkaUserAuthentication.scramSha512(),
    }), why);
    this.grant(this.workerAcls(), user);
    this.grant(props.acls ?? [], user);
    if (this.kafka.authorization?.managesAcls) {
      user._addAclSource(() => this.sinkAcls());
    }
    return user;
  }

  // Read and Describe on the topics and groups of the sink connectors: per connector, its topics and
  // then its group, while there are few; beyond LITERAL_ACL_LIMIT topics or groups, prefix ACLs that
  // keep the KafkaUser's size bounded (acl-cover.ts).
  private sinkAcls(): KafkaAcl[] {
    const sinks = this._connectors.filter(c => c.isSink);
    const operations = [AclOperation.READ, AclOperation.DESCRIBE];
    const topics = new Set(sinks.flatMap(c => c.sinkTopicNames));
    const groups = new Set(sinks.map(c => c.consumerGroup));
    if (topics.size > LITERAL_ACL_LIMIT || groups.size > LITERAL_ACL_LIMIT) {
      return [...boundedAcls('topic', topics, operations), ...boundedAcls('group', groups, operations)];
    }
    return sinks.flatMap(c => [
      ...c.sinkTopicNames.map(topic => ({ resource: AclResource.topic(topic), operations })),
      { resource: AclResource.group(c.consumerGroup), operations },
    ]);
  }

  /**
   * The hooks that build KEDA objects; autoscaling options on a cluster no KafkaPlatform created
   * have nobody to build them, which is an error rather than a silent drop.
   */
  private autoscalingHooks(owner: IConstruct, autoscaling: object | undefined): AutoscalingHooks | undefined {
    const hooks = this.kafka._autoscaling;
    if (autoscaling !== undefined && hooks === undefined) {
      throw fieldError(owner, 'autoscaling', shownOptions(autoscaling), `needs the KafkaPlatform that created Kafka "${this.kafka.name}" to build the KEDA objects`,
        'Create the Kafka cluster with platform.addKafka()');
    }
    return hooks;
  }

  private checkUser(user: KafkaUser, listenerAuth: string | undefined) {
    if (user.kafka !== this.kafka) {
      throw fieldError(this, 'user', user.name, `belongs to the Kafka cluster ${user.kafka.node.path}, not to ${this.kafka.node.path}`);
    }
    const expected = listenerAuth === 'tls' ? 'tls' : listenerAuth === 'scram-sha-512' ? 'scram-sha-512' : undefined;
    if (expected === undefined) {
      throw fieldError(this, 'user', user.name, `is not needed: listener "${this.listener.name}" does not authenticate clients`);
    }
    if (user.authentication?.type !== expected) {
      throw fieldError(this, 'user', user.name, `authenticates with ${user.authentication?.type ?? 'nothing'}, but listener "${this.listener.name}" expects ${expected}`);
    }
  }

  // The rights a Connect worker needs (Strimzi docs, "Configuring Kafka Connect user authorization"):
  // its group, and its three storage topics, which it creates itself.
  private workerAcls(): KafkaAcl[] {
    const topic = [AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE];
    return [
      { resource: AclResource.group(this.groupId, AclPatternType.LITERAL), operations: [AclOperation.READ, AclOperation.DESCRIBE] },
      ...Object.values(this.storageTopics).map(t => ({ resource: AclResource.topic(t), operations: topic })),
    ];
  }

  private grant(acls: KafkaAcl[], user: KafkaUser | undefined = this.user) {
    if (user && this.kafka.authorization?.managesAcls) {
      user.addAcl(...acls);
    }
  }

  private renderAuthentication(user: KafkaUser): any {
    return user.authentication?.type === 'tls'
      ? { type: 'tls', certificateAndKey: { secretName: user.secretName, certificate: 'user.crt', key: 'user.key' } }
      : { type: 'scram-sha-512', username: user.name, passwordSecret: { secretName: user.secretName, password: 'password' } };
  }

  private validateBuild(build: KafkaConnectBuild | undefined) {
    if (!build) {
      return;
    }
    if (!build.output?.image) {
      throw fieldError(this, 'imageBuild.output', build.output?.image, 'must name an image', 'Use ConnectBuildOutput.docker(\'registry/repo:tag\')');
    }
    if (!build.plugins || build.plugins.length === 0) {
      throw fieldError(this, 'imageBuild.plugins', build.plugins ?? [], 'must list at least one plugin');
    }
    for (const plugin of build.plugins) {
      if (!PLUGIN_NAME.test(plugin.name ?? '')) {
        throw fieldError(this, 'imageBuild.plugins[].name', plugin.name, 'must be lowercase letters, digits, \'-\' and \'_\', starting and ending with a letter or digit');
      }
      if (!plugin.artifacts || plugin.artifacts.length === 0) {
        throw fieldError(this, `imageBuild.plugins[${plugin.name}].artifacts`, plugin.artifacts ?? [], 'must list at least one artifact');
      }
      for (const artifact of plugin.artifacts) {
        const error = artifact._render().error;
        if (error) {
          throw fieldError(this, `imageBuild.plugins[${plugin.name}].artifacts[].${error.field}`, error.value, error.rule);
        }
      }
    }
    const dups = duplicates(build.plugins.map(p => p.name));
    if (dups.length > 0) {
      throw fieldError(this, 'imageBuild.plugins', build.plugins.map(p => p.name), `names ${dups.join(', ')} more than once`);
    }
  }
}
