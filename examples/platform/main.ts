import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { findUpstream } from '../../fixtures/upstream';
// In your own app: import { ... } from 'cdk8s-strimzi-keda';
import {
  AclOperation, AclResource, ConnectBuildOutput, KafkaAuthorization, KafkaConnectorState, KafkaListenerAuthentication,
  KafkaListenerType, KafkaNodeRole, KafkaPlatform, KafkaStorage, KafkaUserAuthentication, KedaRelease, PluginArtifact, StrimziRelease,
} from '../../src';

// The unmodified install/cluster-operator folder of a Strimzi release and the CRDs of a KEDA release,
// found or downloaded by `npm run fetch-upstream` (see the README). In your repository, vendor the files
// of the releases you run (or use StrimziRelease.fromUrl with a pinned sha256).
const upstream = findUpstream();
const strimziDir = path.join(upstream, 'strimzi', '1.2.0', 'install');
const kedaCrdsDir = path.join(upstream, 'keda', '2.20.2', 'crds');

const app = new App();

const platform = new KafkaPlatform(app, 'events', {
  namespace: 'kafka',
  strimzi: StrimziRelease.fromDirectory(strimziDir),
  keda: KedaRelease.of('2.20.2', { crdsDirectory: kedaCrdsDir }),
  watchNamespaces: ['kafka', 'apps'],
});

// A KRaft cluster: 3 dedicated controllers, 3 brokers, a TLS listener with client certificates for
// in-cluster apps and a SCRAM listener for everything else.
const kafka = platform.addKafka('events', {
  nodePools: [
    {
      name: 'controllers',
      roles: [KafkaNodeRole.CONTROLLER],
      replicas: 3,
      storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10), kraftMetadata: true }),
    },
    {
      name: 'brokers',
      roles: [KafkaNodeRole.BROKER],
      replicas: 3,
      storage: KafkaStorage.jbod([
        KafkaStorage.persistentClaim({ size: Size.gibibytes(100), storageClass: 'fast-ssd', kraftMetadata: true }),
        KafkaStorage.persistentClaim({ size: Size.gibibytes(100), storageClass: 'fast-ssd' }),
      ]),
      resources: { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } },
      jvmOptions: { heapMin: Size.gibibytes(2), heapMax: Size.gibibytes(2) },
    },
  ],
  listeners: [
    { name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() },
    { name: 'scram', port: 9094, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.scramSha512() },
  ],
  authorization: KafkaAuthorization.simple(),
  rack: { topologyKey: 'topology.kubernetes.io/zone' },
  config: { 'num.partitions': 6, 'auto.create.topics.enable': false },
});

const orders = kafka.addTopic('orders', { partitions: 12, replicas: 3, config: { 'retention.ms': 604_800_000 } });
const payments = kafka.addTopic('payments', { partitions: 6 });
const audit = kafka.addTopic('audit', { topicName: 'Audit.Events', partitions: 3 });

// An application user with ACLs on its topics and group.
kafka.addUser('checkout', {
  authentication: KafkaUserAuthentication.tls(),
  acls: [
    { resource: AclResource.topic(orders.topicName), operations: [AclOperation.WRITE, AclOperation.DESCRIBE] },
    { resource: AclResource.topic(payments.topicName), operations: [AclOperation.READ, AclOperation.DESCRIBE] },
    { resource: AclResource.group('checkout'), operations: [AclOperation.READ] },
  ],
});

// A Connect cluster with connector plugins built into its image. The library creates its KafkaUser
// (TLS, as the listener wants) with the ACLs the workers and the sink connectors need. KEDA scales
// the workers on the lag of the sink connectors, between 2 and 6; each change of workers is a
// rebalance, so by default they are removed one per 5 minutes (see `behavior` to change that).
const connect = kafka.addConnect('sinks', {
  replicas: 2,
  autoscaling: { minReplicas: 2, maxReplicas: 6, lagThreshold: 1000 },
  imageBuild: {
    output: ConnectBuildOutput.docker('registry.example.com/kafka/connect-sinks:1.0.0', { pushSecret: 'registry-push' }),
    plugins: [
      { name: 's3-sink', artifacts: [PluginArtifact.maven({ group: 'io.example.connect', artifact: 's3-sink', version: '2.4.1' })] },
      { name: 'jdbc', artifacts: [PluginArtifact.maven({ group: 'io.example.connect', artifact: 'jdbc-connector', version: '10.8.0' })] },
    ],
  },
  acls: [{ resource: AclResource.topic(audit.topicName), operations: [AclOperation.WRITE, AclOperation.DESCRIBE] }],
});

// This connector's tasks are autoscaled too, through the patched KafkaConnector CRD (strimzi#10450).
connect.addConnector('orders-to-s3', {
  className: 'io.example.connect.s3.S3SinkConnector',
  topics: [orders],
  config: { 's3.bucket.name': 'orders-archive', 'flush.size': 1000 },
  autoRestart: { maxRestarts: 10 },
  autoscaling: { minTasks: 2, maxTasks: 12, lagThreshold: 500 },
});
connect.addConnector('payments-to-warehouse', {
  className: 'io.example.connect.jdbc.JdbcSinkConnector',
  topics: [payments],
  tasksMax: 2,
  config: { 'connection.url': 'jdbc:postgresql://warehouse.apps.svc:5432/dw', 'insert.mode': 'upsert' },
});
connect.addConnector('audit-from-db', {
  className: 'io.example.connect.jdbc.JdbcSourceConnector',
  tasksMax: 1,
  state: KafkaConnectorState.RUNNING,
  config: { 'connection.url': 'jdbc:postgresql://audit.apps.svc:5432/audit', 'topic.prefix': audit.topicName },
});

// A Kafka Streams app in the Kafka namespace, scaled on the lag of its application.id group. The
// ScaledObject marks the Deployment as autoscaled, so its manifest leaves replicas to the HPA.
const streams = new Chart(app, 'streams', { namespace: 'kafka' });
const pipeline = new kplus.Deployment(streams, 'pipeline', {
  metadata: { name: 'orders-pipeline' },
  containers: [{ image: 'registry.example.com/orders-pipeline:1.4.2', portNumber: 8080, securityContext: { user: 1000 } }],
});
platform.addConsumerAutoscaling('orders-pipeline', {
  deployment: pipeline,
  consumerGroup: 'orders-pipeline',
  topics: [orders],
  minReplicas: 1,
  maxReplicas: 12,
  lagThreshold: 200,
});

app.synth();

// A picture of the platform next to the manifests, for whoever reviews them: GitHub and GitLab render
// the mermaid block. kubectl, Argo CD and Flux read only the .yaml files of the folder.
fs.writeFileSync(path.join(app.outdir, 'events-topology.md'),
  `# Kafka platform "events"\n\nWritten by examples/platform/main.ts with \`platform.toMermaid()\`.\n\n\`\`\`mermaid\n${platform.toMermaid()}\`\`\`\n`);
