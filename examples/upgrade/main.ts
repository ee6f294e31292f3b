import * as path from 'path';
import { App, Size } from 'cdk8s';
import { findUpstream } from '../../fixtures/upstream';
// In your own app: import { ... } from 'cdk8s-strimzi-keda';
import {
  AclOperation, AclResource, GitOps, KafkaAuthorization, KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaPlatform,
  KafkaStorage, KafkaUserAuthentication, KedaRelease, StrimziRelease, StrimziUpgrade,
} from '../../src';

// The unmodified install/cluster-operator folders of the Strimzi releases on the way, found or
// downloaded by `npm run fetch-upstream` (see the README). In your repository, vendor the files of
// every release the plan passes (or use StrimziRelease.fromUrl with a pinned sha256).
const upstream = path.join(findUpstream(), 'strimzi');
const release = (version: string) => StrimziRelease.fromDirectory(path.join(upstream, version, 'install'));

/**
 * The platform, declared once: every phase of an upgrade calls it on a platform of the release the
 * cluster is at, and an install calls it on the release it installs.
 */
function declareEvents(platform: KafkaPlatform): void {
  const kafka = platform.addKafka('events', {
    nodePools: [
      { name: 'controllers', roles: [KafkaNodeRole.CONTROLLER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10) }) },
      { name: 'brokers', roles: [KafkaNodeRole.BROKER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(100) }) },
    ],
    listeners: [{ name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() }],
    authorization: KafkaAuthorization.simple(),
  });
  const orders = kafka.addTopic('orders', { partitions: 12 });
  kafka.addUser('checkout', {
    authentication: KafkaUserAuthentication.tls(),
    acls: [{ resource: AclResource.topic(orders.topicName), operations: [AclOperation.WRITE, AclOperation.DESCRIBE] }],
  });
  const connect = kafka.addConnect('sinks', { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 4 } });
  connect.addConnector('orders-to-s3', {
    className: 'io.example.connect.s3.S3SinkConnector',
    topics: [orders],
    autoscaling: { minTasks: 2, maxTasks: 12 },
  });
}

const app = new App();

// 0.45.0 (Kafka 3.9.0, v1beta2) to 1.2.0 (Kafka 4.3.1, v1): through 0.51.0, where the resources are
// converted to v1 and Strimzi's crd-upgrade re-stores them, and through 1.0.0. Written for Flux.
new StrimziUpgrade(app, 'events', {
  namespace: 'kafka',
  keda: KedaRelease.of('2.20.2'),
  from: release('0.45.0'),
  via: [release('0.51.0'), release('1.0.0')],
  to: release('1.2.0'),
  declaration: { declare: declareEvents },
  folder: 'events-0.45.0-to-1.2.0',
  gitOps: GitOps.flux({ sourceRef: { name: 'platform' }, path: './clusters/prod/events-0.45.0-to-1.2.0' }),
});

// 0.49.1 to 0.51.0 (both serve v1): CRDs, operator, then Kafka 4.2.0. Plain files for kubectl.
new StrimziUpgrade(app, 'orders', {
  namespace: 'orders',
  keda: KedaRelease.of('2.20.2'),
  from: release('0.49.1'),
  to: release('0.51.0'),
  declaration: { declare: declareEvents },
  folder: 'orders-0.49.1-to-0.51.0',
});

app.synth();
