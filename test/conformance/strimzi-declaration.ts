import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AclOperation, AclPatternType, AclResource, ConnectBuildOutput, KafkaAuthorization, KafkaConnectorState,
  KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaPlatform, KafkaStorage, KafkaUserAuthentication,
  FallbackBehavior, HpaSelectPolicy, KedaRelease, KafkaOffsetResetPolicy, PluginArtifact, ScalerTrigger, ScaleTarget, StrimziRelease,
} from '../../src';

/**
 * A platform that uses every modeled Strimzi feature, so that conformance tests see every field the
 * library can emit. Features a release lacks are left out for that release.
 */
export function everyFeature(app: App, release: StrimziRelease, keda?: KedaRelease): KafkaPlatform {
  const platform = new KafkaPlatform(app, 'full', { namespace: 'kafka', strimzi: release, keda, watchNamespaces: ['kafka', 'apps'] });
  declareEveryFeature(platform);
  return platform;
}

/** Declares every feature on `platform`, as its Strimzi and KEDA releases allow (also an upgrade's declaration). */
export function declareEveryFeature(platform: KafkaPlatform): void {
  const app = App.of(platform);
  const release = platform.strimzi;
  const keda = platform.keda;
  const newer = (v: string) => release._version.isAtLeast(v);
  const kafka = platform.addKafka('events', {
    metadataVersion: undefined,
    nodePools: [
      { name: 'controllers', roles: [KafkaNodeRole.CONTROLLER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10), storageClass: 'standard', deleteClaim: true, kraftMetadata: true }) },
      {
        name: 'brokers',
        roles: [KafkaNodeRole.BROKER],
        replicas: 3,
        storage: KafkaStorage.jbod([
          KafkaStorage.persistentClaim({ size: Size.gibibytes(100), kraftMetadata: true }),
          KafkaStorage.ephemeral({ sizeLimit: Size.gibibytes(1) }),
        ]),
        resources: { cpu: { request: cpu('500m'), limit: cpu('2') }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } },
        jvmOptions: { heapMin: Size.mebibytes(1536), heapMax: Size.gibibytes(2), xx: { UseG1GC: 'true' }, systemProperties: { 'java.net.preferIPv4Stack': 'true' }, gcLogging: false },
      },
      { name: 'dual', roles: [KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER], replicas: 0, storage: KafkaStorage.ephemeral() },
    ],
    listeners: [
      { name: 'plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false },
      { name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() },
      { name: 'scram', port: 9094, type: KafkaListenerType.CLUSTER_IP, tls: true, authentication: KafkaListenerAuthentication.scramSha512() },
      { name: 'lb', port: 9095, type: KafkaListenerType.LOADBALANCER, tls: true, configuration: { bootstrap: { annotations: { a: 'b' } } } },
      { name: 'np', port: 9096, type: KafkaListenerType.NODEPORT, tls: false },
      { name: 'route', port: 9097, type: KafkaListenerType.ROUTE, tls: true },
      { name: 'ingress', port: 9098, type: KafkaListenerType.INGRESS, tls: true, configuration: { bootstrap: { host: 'bootstrap.example.com' }, brokers: [{ broker: 0, host: 'b0.example.com' }] } },
      { name: 'custom', port: 9100, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.custom({ sasl: true, listenerConfig: { 'sasl.enabled.mechanisms': 'PLAIN' } }) },
      ...(newer('1.1.0') ? [{ name: 'tlsroute', port: 9099, type: KafkaListenerType.TLSROUTE, tls: true }] : []),
    ],
    authorization: KafkaAuthorization.simple({ superUsers: ['User:CN=admin'] }),
    config: { 'num.partitions': 3, 'log.retention.hours': 168 },
    entityOperator: { topicOperator: true, userOperator: true },
    cruiseControl: { config: { goals: 'com.linkedin.kafka.cruisecontrol.analyzer.goals.RackAwareGoal' } },
    rack: { topologyKey: 'topology.kubernetes.io/zone' },
  });

  const orders = kafka.addTopic('orders', { partitions: 12, replicas: 3, config: { 'retention.ms': 604800000, 'cleanup.policy': 'delete' } });
  kafka.addTopic('legacy', { topicName: 'Legacy_Events' });
  kafka.addUser('tls-user', {
    authentication: KafkaUserAuthentication.tls(),
    acls: [
      { resource: AclResource.topic('orders'), operations: [AclOperation.READ, AclOperation.DESCRIBE] },
      { resource: AclResource.group('app-', AclPatternType.PREFIX), operations: [AclOperation.READ] },
      { resource: AclResource.cluster(), operations: [AclOperation.DESCRIBE_CONFIGS], host: '*' },
      { resource: AclResource.transactionalId('tx'), operations: [AclOperation.ALL], effect: undefined },
    ],
    quotas: { producerByteRate: 1048576, consumerByteRate: 2097152, requestPercentage: 55, controllerMutationRate: 10 },
  });
  kafka.addUser('scram-user', { authentication: KafkaUserAuthentication.scramSha512({ password: { secretName: 'pw', key: 'password' } }) });
  kafka.addUser('external', { authentication: KafkaUserAuthentication.tlsExternal() });

  const kedaAtLeast = (v: string) => keda !== undefined && keda.version.localeCompare(v, undefined, { numeric: true }) >= 0;
  const connect = kafka.addConnect('sinks', {
    replicas: 2,
    autoscaling: keda && {
      // 0, so that the cooldowns apply (KEDA waits them only on the way to 0 or to idleReplicaCount).
      minReplicas: 0,
      maxReplicas: 6,
      lagThreshold: 100,
      activationLagThreshold: 5,
      excludePersistentLag: true,
      pollingInterval: Duration.seconds(15),
      cooldownPeriod: Duration.minutes(5),
      initialCooldownPeriod: Duration.minutes(1),
      fallback: { failureThreshold: 3, replicas: 2, ...(kedaAtLeast('2.17.0') ? { behavior: FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER } : {}) },
      behavior: { scaleDown: { stabilizationWindow: Duration.minutes(5), selectPolicy: HpaSelectPolicy.MIN } },
      credentialsRevision: 'r1',
    },
    listener: 'scram',
    imageBuild: {
      output: ConnectBuildOutput.docker('registry.example.com/connect:1', { pushSecret: 'push' }),
      plugins: [{
        name: 'every-artifact',
        artifacts: [
          PluginArtifact.jar('https://example.com/a.jar', { sha512sum: 'a'.repeat(128) }),
          PluginArtifact.tgz('https://example.com/b.tgz'),
          PluginArtifact.zip('https://example.com/c.zip'),
          PluginArtifact.maven({ group: 'io.example', artifact: 'x', version: '1.0', repository: 'https://repo.example.com/maven2' }),
          PluginArtifact.other('https://example.com/d.bin', { fileName: 'd.bin' }),
        ],
      }],
    },
    resources: { memory: { request: Size.gibibytes(2) } },
    jvmOptions: { heapMax: Size.gibibytes(1) },
    config: { 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'ssl.endpoint.identification.algorithm': '' },
    acls: [{ resource: AclResource.topic('out'), operations: [AclOperation.WRITE] }],
  });
  connect.addConnector('sink', {
    className: 'io.example.Sink',
    tasksMax: 2,
    topics: [orders, 'raw'],
    state: KafkaConnectorState.PAUSED,
    autoRestart: { enabled: true, maxRestarts: 5 },
    config: { 'flush.size': 100 },
  });
  connect.addConnector('source', { className: 'io.example.Source', state: KafkaConnectorState.STOPPED, autoRestart: {} });
  connect.addConnector('scaled-sink', {
    className: 'io.example.Sink',
    topics: [orders],
    // KEDA 2.14 ignores scaleToZeroOnInvalidOffset with earliest, the sink default (keda#5689).
    config: kedaAtLeast('2.15.0') ? undefined : { 'consumer.override.auto.offset.reset': 'latest' },
    autoscaling: keda && {
      minTasks: 2,
      maxTasks: 12,
      scaleToZeroOnInvalidOffset: true,
      ...(kedaAtLeast('2.18.0') ? { ensureEvenDistributionOfPartitions: true } : { limitToPartitionsWithLag: true }),
    },
  });
  if (keda) {
    const apps = new Chart(app, 'apps', { namespace: 'kafka' });
    const streams = new kplus.Deployment(apps, 'streams', { metadata: { name: 'streams' }, containers: [{ image: 'x', securityContext: { user: 1000 } }] });
    platform.addConsumerAutoscaling('streams', {
      deployment: streams,
      consumerGroup: 'streams-app',
      topics: [orders, 'raw'],
      maxReplicas: 12,
      allowIdleConsumers: true,
      offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST, // Kafka Streams' default auto.offset.reset
    });
    platform.addConsumerAutoscaling('all-topics', {
      target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'consumer', namespace: 'kafka' }),
      kafka,
      listener: 'plain',
      consumerGroup: 'all',
      maxReplicas: 3,
      triggers: [ScalerTrigger.prometheus({ serverAddress: 'http://prometheus:9090', query: 'up', threshold: 1 })],
    });
  }
  kafka.addConnect('plain', { listener: 'plain', image: 'registry.example.com/connect:2', useConnectorResources: false });
  kafka.addConnect('mtls', { listener: 'tls', version: kafka.kafkaVersion });
}

function cpu(amount: string): any {
  // cdk8s-plus Cpu from a quantity string
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Cpu } = require('cdk8s-plus-28');
  return amount.endsWith('m') ? Cpu.millis(Number(amount.slice(0, -1))) : Cpu.units(Number(amount));
}
