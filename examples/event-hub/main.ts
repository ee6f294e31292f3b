import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { findUpstream } from '../../fixtures/upstream';
// In your own app: import { ... } from 'cdk8s-strimzi-keda';
import {
  EventHubCheckpointStrategy, HpaScalingPolicyType, KedaCrds, KedaRelease, PodIdentityProvider, ScaledObject, ScalerTrigger,
  ScaleTarget, TriggerAuthentication,
} from '../../src';

// An Event Hubs consumer in namespace `ingest`, scaled by KEDA on its unprocessed events.

// The CRDs of the KEDA release the cluster runs, found or downloaded by `npm run fetch-upstream` (see
// the README). In your repository, vendor the `config/crd/bases` files of that release (or leave
// crdsDirectory out if KEDA is installed with its Helm chart).
const kedaCrdsDir = path.join(findUpstream(), 'keda', '2.20.2', 'crds');
const keda = KedaRelease.of('2.20.2', { crdsDirectory: kedaCrdsDir });

// The Azure side, shared by the consumer and its trigger so that both look at the same checkpoints.
const eventHubNamespace = 'contoso-ingest'; // without .servicebus.windows.net
const eventHubName = 'telemetry';
const partitionCount = 8; // of the event hub `telemetry`
const consumerGroup = 'ingest';
const storageAccountName = 'contosoingestckpt';
const blobContainer = 'ingest-checkpoints';
// Placeholder: the client id of a user-assigned managed identity with "Azure Event Hubs Data Receiver"
// on the hub and "Storage Blob Data Contributor" on the container (the consumer writes checkpoints,
// KEDA only reads them), federated with the ServiceAccounts keda/keda-operator (for KEDA, installed
// with workload identity enabled) and ingest/telemetry-ingest (for the consumer).
const identityClientId = '00000000-0000-0000-0000-000000000000';

const app = new App();

// First stage, cluster-scoped: the KEDA CRDs (they must exist before a ScaledObject can be applied)
// and the namespace.
const cluster = new Chart(app, 'cluster');
new KedaCrds(cluster, 'keda', { release: keda });
new kplus.Namespace(cluster, 'namespace', { metadata: { name: 'ingest' } });

const chart = new Chart(app, 'ingest', { namespace: 'ingest' });
chart.addDependency(cluster);

// The consumer authenticates with Azure workload identity too: no secret in the cluster at all.
const serviceAccount = new kplus.ServiceAccount(chart, 'identity', {
  metadata: { name: 'telemetry-ingest', annotations: { 'azure.workload.identity/client-id': identityClientId } },
});
const consumer = new kplus.Deployment(chart, 'consumer', {
  metadata: { name: 'telemetry-ingest' },
  podMetadata: { labels: { 'azure.workload.identity/use': 'true' } },
  serviceAccount,
  containers: [{
    // An EventProcessorClient of the current Azure SDK (here .NET), with a BlobCheckpointStore.
    image: 'registry.example.com/telemetry-ingest:3.1.0',
    securityContext: { user: 1000 },
    envVariables: {
      EVENTHUB_FULLY_QUALIFIED_NAMESPACE: kplus.EnvValue.fromValue(`${eventHubNamespace}.servicebus.windows.net`),
      EVENTHUB_NAME: kplus.EnvValue.fromValue(eventHubName),
      EVENTHUB_CONSUMER_GROUP: kplus.EnvValue.fromValue(consumerGroup),
      CHECKPOINT_BLOB_CONTAINER_URL: kplus.EnvValue.fromValue(`https://${storageAccountName}.blob.core.windows.net/${blobContainer}`),
    },
  }],
});
// How KEDA itself reaches the Event Hub and the checkpoints: workload identity. A connection string
// would need a Secret, and on KEDA 2.18.0-2.20.2 a connection string cannot be combined with
// eventHubName (keda#6908, fixed by keda PR #7926 in no release yet); the library refuses that pair.
const auth = new TriggerAuthentication(chart, 'eventhub', {
  release: keda,
  podIdentity: { provider: PodIdentityProvider.AZURE_WORKLOAD, identityId: identityClientId },
});

new ScaledObject(chart, 'telemetry-ingest', {
  release: keda,
  target: ScaleTarget.fromDeployment(consumer),
  // Scale to zero when the hub is drained; cooldownPeriod is how long KEDA waits before doing so.
  minReplicas: 0,
  // At most the hub's partition count: KEDA caps the metric at partitions × unprocessedEventThreshold,
  // so the HPA never asks for more anyway, and a partition has one reader per consumer group at a time.
  maxReplicas: partitionCount,
  cooldownPeriod: Duration.minutes(10),
  advanced: {
    // Every scale step makes the processors rebalance partition ownership: scale down slowly.
    behavior: {
      scaleDown: {
        stabilizationWindow: Duration.minutes(5),
        policies: [{ type: HpaScalingPolicyType.PODS, value: 1, period: Duration.minutes(1) }],
      },
    },
  },
  triggers: [
    ScalerTrigger.azureEventHub({
      authentication: auth,
      eventHubNamespace,
      eventHubName,
      consumerGroup,
      storageAccountName,
      blobContainer,
      // The current .NET, Java, Python and JavaScript SDKs keep checkpoints in blob metadata under
      // <container>/<namespace FQDN>/<hub>/<consumer group>/checkpoint/<partition>. KEDA's default
      // (legacy) layout would miss them and count every partition as unread.
      checkpointStrategy: EventHubCheckpointStrategy.BLOB_METADATA,
      unprocessedEventThreshold: 500,
      activationUnprocessedEventThreshold: 10,
    }),
  ],
});

app.synth();
