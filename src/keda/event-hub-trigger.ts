import { PodIdentityProvider } from './trigger-authentication-props';
import { AuthInfo, metadataOf, TRIGGER_OPTIONS_FIELDS, TriggerDefinition, TriggerOptions, TriggerReport } from './trigger-options';
import { NUMBER, STRING, struct } from '../common/input-shape';

// The `azure-eventhub` scaler: v2.20.2:pkg/scalers/azure_eventhub_scaler.go and
// pkg/scalers/azure/azure_eventhub*.go (kedacore/keda). The connection strings (`connection`,
// `storageConnection`) are secrets and come from the authentication only.

/** How the consumers store checkpoints, which decides where KEDA looks for them (`checkpointStrategy`). */
export enum EventHubCheckpointStrategy {
  /** Azure Functions: container `azure-webjobs-eventhub` (also what KEDA assumes without a blobContainer). */
  AZURE_FUNCTION = 'azureFunction',
  /** The current .NET, Java, Python and JavaScript SDKs: checkpoint blob metadata; needs `blobContainer`. */
  BLOB_METADATA = 'blobMetadata',
  /** The Go SDK; needs `blobContainer`. */
  GO_SDK = 'goSdk',
  /** Dapr's Event Hubs binding/pub-sub. */
  DAPR = 'dapr',
}

/** The Azure cloud of the Event Hub (`cloud`). */
export enum AzureCloud {
  /** Azure public cloud (KEDA's default). */
  PUBLIC = 'AzurePublicCloud',
  /** Azure US Government. */
  US_GOVERNMENT = 'AzureUSGovernmentCloud',
  /** Azure China. */
  CHINA = 'AzureChinaCloud',
  /** A private cloud; needs `endpointSuffix`. */
  PRIVATE = 'Private',
}

/** Properties of `ScalerTrigger.azureEventHub()`. */
export interface AzureEventHubTriggerProps extends TriggerOptions {
  /**
   * Target number of unprocessed events per replica.
   *
   * @default 64
   */
  readonly unprocessedEventThreshold?: number;

  /**
   * Unprocessed events above which the trigger is active (scales from zero).
   *
   * @default 0
   */
  readonly activationUnprocessedEventThreshold?: number;

  /**
   * The consumer group.
   *
   * @default '$Default'
   */
  readonly consumerGroup?: string;

  /**
   * Event Hubs namespace, without `.servicebus.windows.net`; needed with workload identity.
   *
   * @default - taken from the connection string
   */
  readonly eventHubNamespace?: string;

  /**
   * The event hub; needed with workload identity. With a connection string, leave it unset and put
   * `;EntityPath=<hub>` into the connection string (KEDA 2.18.0+ fails otherwise).
   *
   * @default - taken from the connection string's EntityPath
   */
  readonly eventHubName?: string;

  /**
   * Storage account of the checkpoints, for workload identity.
   *
   * @default - the authentication's storageConnection
   */
  readonly storageAccountName?: string;

  /**
   * Blob container of the checkpoints.
   *
   * @default - `azure-webjobs-eventhub` (Azure Functions layout)
   */
  readonly blobContainer?: string;

  /**
   * How the consumers store checkpoints.
   *
   * @default - AZURE_FUNCTION without blobContainer, KEDA's legacy layout with it
   */
  readonly checkpointStrategy?: EventHubCheckpointStrategy;

  /**
   * Events a partition may be behind before KEDA refreshes its partition info.
   *
   * @default 10000
   */
  readonly stalePartitionInfoThreshold?: number;

  /**
   * The Azure cloud.
   *
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;

  /**
   * Event Hubs endpoint suffix of a private cloud.
   *
   * @default - the cloud's suffix
   */
  readonly endpointSuffix?: string;

  /**
   * Storage endpoint suffix of a private cloud.
   *
   * @default - the cloud's suffix
   */
  readonly storageEndpointSuffix?: string;

  /**
   * Azure AD endpoint of a private cloud.
   *
   * @default - the cloud's endpoint
   */
  readonly activeDirectoryEndpoint?: string;
}

export function azureEventHubTrigger(props: AzureEventHubTriggerProps): TriggerDefinition {
  return {
    type: 'azure-eventhub',
    options: props,
    metadata: metadataOf({
      unprocessedEventThreshold: props.unprocessedEventThreshold,
      activationUnprocessedEventThreshold: props.activationUnprocessedEventThreshold,
      consumerGroup: props.consumerGroup,
      eventHubNamespace: props.eventHubNamespace,
      eventHubName: props.eventHubName,
      storageAccountName: props.storageAccountName,
      blobContainer: props.blobContainer,
      checkpointStrategy: props.checkpointStrategy,
      stalePartitionInfoThreshold: props.stalePartitionInfoThreshold,
      cloud: props.cloud,
      endpointSuffix: props.endpointSuffix,
      storageEndpointSuffix: props.storageEndpointSuffix,
      activeDirectoryEndpoint: props.activeDirectoryEndpoint,
    }),
    check: (r, auth) => checkEventHub(props, r, auth),
  };
}

function checkEventHub(p: AzureEventHubTriggerProps, r: TriggerReport, auth: AuthInfo) {
  // keda#6084: 2.15.0/2.15.1 fail on any partition without a checkpoint blob.
  const checkpointBug = r.release._regressionRule('eventHubCheckpoint');
  if (checkpointBug) {
    r.add('type', 'azure-eventhub', checkpointBug.rule, checkpointBug.hint);
  }

  // KEDA ≤2.19 divides by the threshold unchecked; 2.20.0 requires > 0 (keda#7732).
  r.integer('unprocessedEventThreshold', p.unprocessedEventThreshold, 1);
  r.integer('activationUnprocessedEventThreshold', p.activationUnprocessedEventThreshold, 0);
  r.integer('stalePartitionInfoThreshold', p.stalePartitionInfoThreshold, 1);
  for (const field of ['consumerGroup', 'eventHubNamespace', 'eventHubName', 'storageAccountName', 'blobContainer',
    'endpointSuffix', 'storageEndpointSuffix', 'activeDirectoryEndpoint'] as const) {
    r.text(field, p[field], false);
  }
  r.member('checkpointStrategy', p.checkpointStrategy, EventHubCheckpointStrategy);
  r.member('cloud', p.cloud, AzureCloud);
  if (p.cloud === AzureCloud.PRIVATE && p.endpointSuffix === undefined) {
    r.add('cloud', p.cloud, 'needs endpointSuffix', 'Set the Event Hubs endpoint suffix of the private cloud');
  }
  const needsContainer = p.checkpointStrategy === EventHubCheckpointStrategy.BLOB_METADATA
    || p.checkpointStrategy === EventHubCheckpointStrategy.GO_SDK;
  if (needsContainer && p.blobContainer === undefined) {
    r.add('checkpointStrategy', p.checkpointStrategy, 'needs blobContainer', 'Set the blob container the consumers write checkpoints to');
  }
  checkEventHubAuth(p, r, auth);
}

// Connection strings only come from the authentication (no ...FromEnv), so a trigger without one
// cannot reach the Event Hub.
function checkEventHubAuth(p: AzureEventHubTriggerProps, r: TriggerReport, auth: AuthInfo) {
  if (!auth.present) {
    r.add('authentication', undefined, 'is required',
      'Use a TriggerAuthentication with the parameter connection (an Event Hub connection string) or podIdentity azure-workload');
    return;
  }
  if (!auth.known) {
    return;
  }
  const workloadIdentity = auth.podIdentityProvider === PodIdentityProvider.AZURE_WORKLOAD;
  const connectionString = auth.parameters.includes('connection');
  if (!workloadIdentity && !connectionString) {
    r.add('authentication', auth.parameters, 'provides neither the parameter connection nor podIdentity azure-workload',
      'Add a secretTargetRef for connection, or use workload identity');
  }
  if (workloadIdentity && !connectionString) {
    for (const field of ['eventHubNamespace', 'eventHubName'] as const) {
      if (p[field] === undefined) {
        r.add(field, undefined, 'is required with podIdentity azure-workload');
      }
    }
  }
  if (connectionString && p.eventHubName !== undefined) {
    const bug = r.release._regressionRule('eventHubConnectionStringWithName');
    if (bug) {
      r.add('eventHubName', p.eventHubName, `together with a connection string ${bug.rule}`, bug.hint);
    }
  }
  if (p.storageAccountName === undefined && !auth.parameters.includes('storageConnection')) {
    r.add('storageAccountName', undefined, 'is required when the TriggerAuthentication provides no storageConnection',
      'KEDA reads the checkpoints from blob storage: give storageAccountName (workload identity) or a storageConnection secret');
  }
  // KEDA reaches a storage account by name only with workload identity; otherwise it falls back to
  // the storageConnection parameter (kedacore/keda v2.20.2:pkg/scalers/azure_eventhub_scaler.go, azure-workload case;
  // pkg/scalers/azure/azure_storage.go GetStorageBlobClient).
  if (p.storageAccountName !== undefined && auth.known && auth.podIdentityProvider !== PodIdentityProvider.AZURE_WORKLOAD
    && !auth.parameters.includes('storageConnection')) {
    r.add('storageAccountName', p.storageAccountName, 'needs workload identity (podIdentity azure-workload) to reach the storage account, '
      + 'and the TriggerAuthentication has neither that nor a storageConnection', 'Add podIdentity azure-workload or a storageConnection secret reference');
  }
}

/** The shape of `AzureEventHubTriggerProps`. */
export const EVENT_HUB_TRIGGER_SHAPE = struct('AzureEventHubTriggerProps', {
  ...TRIGGER_OPTIONS_FIELDS,
  unprocessedEventThreshold: NUMBER,
  activationUnprocessedEventThreshold: NUMBER,
  consumerGroup: STRING,
  eventHubNamespace: STRING,
  eventHubName: STRING,
  storageAccountName: STRING,
  blobContainer: STRING,
  checkpointStrategy: STRING,
  stalePartitionInfoThreshold: NUMBER,
  cloud: STRING,
  endpointSuffix: STRING,
  storageEndpointSuffix: STRING,
  activeDirectoryEndpoint: STRING,
});
