import { newChart, renderTrigger, triggerError } from './helpers';
import {
  AzureCloud, AzureEventHubTriggerProps, ClusterTriggerAuthentication, EventHubCheckpointStrategy, KedaRelease, PodIdentityProvider,
  ScalerTrigger, TriggerAuthentication,
} from '../../src';

const PATH = '[test/so] ';

function connectionString(release = KedaRelease.V2_20_2, parameters = ['connection', 'storageConnection']): TriggerAuthentication {
  return new TriggerAuthentication(newChart(), 'eventhub', {
    release,
    secretTargetRefs: parameters.map(p => ({ parameter: p, name: 'eventhub-secrets', key: p })),
  });
}

function workloadIdentity(release = KedaRelease.V2_20_2): TriggerAuthentication {
  return new TriggerAuthentication(newChart(), 'eventhub-wi', { release, podIdentity: { provider: PodIdentityProvider.AZURE_WORKLOAD, identityId: 'client-id' } });
}

function eventHub(props: Partial<AzureEventHubTriggerProps> = {}, release = KedaRelease.V2_20_2): ScalerTrigger {
  return ScalerTrigger.azureEventHub({ authentication: connectionString(release), ...props });
}

describe('azure-eventhub trigger', () => {
  test('emits its parameters as strings and the secrets only as an authentication reference', () => {
    const trigger = renderTrigger(eventHub({
      unprocessedEventThreshold: 100,
      activationUnprocessedEventThreshold: 5,
      consumerGroup: 'scaler',
      blobContainer: 'checkpoints',
      checkpointStrategy: EventHubCheckpointStrategy.BLOB_METADATA,
      stalePartitionInfoThreshold: 5000,
    }));
    expect(trigger).toEqual({
      type: 'azure-eventhub',
      metadata: {
        unprocessedEventThreshold: '100',
        activationUnprocessedEventThreshold: '5',
        consumerGroup: 'scaler',
        blobContainer: 'checkpoints',
        checkpointStrategy: 'blobMetadata',
        stalePartitionInfoThreshold: '5000',
      },
      authenticationRef: { kind: 'TriggerAuthentication', name: expect.stringMatching(/^eventhub-[0-9a-f]{8}$/) },
    });
  });

  test('with workload identity, namespace and event hub name are required', () => {
    expect(triggerError(ScalerTrigger.azureEventHub({ authentication: workloadIdentity(), storageAccountName: 'ckpt' })).split('\n')).toEqual([
      `${PATH}triggers[0].eventHubNamespace: (not set) is required with podIdentity azure-workload`,
      `${PATH}triggers[0].eventHubName: (not set) is required with podIdentity azure-workload`,
    ]);
    const ok = renderTrigger(ScalerTrigger.azureEventHub({
      authentication: workloadIdentity(), eventHubNamespace: 'events', eventHubName: 'orders', storageAccountName: 'ckpt',
    }));
    expect(ok.metadata).toEqual({ eventHubNamespace: 'events', eventHubName: 'orders', storageAccountName: 'ckpt' });
  });

  test('there must be an authentication, with a connection string or workload identity', () => {
    expect(triggerError(ScalerTrigger.azureEventHub({}))).toBe(`${PATH}triggers[0].authentication: (not set) is required. Use a TriggerAuthentication `
      + 'with the parameter connection (an Event Hub connection string) or podIdentity azure-workload');
    expect(triggerError(eventHub({ authentication: connectionString(KedaRelease.V2_20_2, ['storageConnection']) }))).toBe(
      `${PATH}triggers[0].authentication: ["storageConnection"] provides neither the parameter connection nor podIdentity azure-workload. `
      + 'Add a secretTargetRef for connection, or use workload identity');
  });

  test('checkpoint storage must be reachable', () => {
    expect(triggerError(eventHub({ authentication: connectionString(KedaRelease.V2_20_2, ['connection']) }))).toBe(
      `${PATH}triggers[0].storageAccountName: (not set) is required when the TriggerAuthentication provides no storageConnection. `
      + 'KEDA reads the checkpoints from blob storage: give storageAccountName (workload identity) or a storageConnection secret');
    // A storage account by name is reached with workload identity only.
    expect(triggerError(eventHub({ authentication: connectionString(KedaRelease.V2_20_2, ['connection']), storageAccountName: 'ckpt' }))).toBe(
      `${PATH}triggers[0].storageAccountName: "ckpt" needs workload identity (podIdentity azure-workload) to reach the storage account, `
      + 'and the TriggerAuthentication has neither that nor a storageConnection. Add podIdentity azure-workload or a storageConnection secret reference');
  });

  test('blobMetadata and goSdk checkpoints need a blob container; a private cloud needs its endpoint suffix', () => {
    expect(triggerError(eventHub({ checkpointStrategy: EventHubCheckpointStrategy.GO_SDK }))).toBe(
      `${PATH}triggers[0].checkpointStrategy: "goSdk" needs blobContainer. Set the blob container the consumers write checkpoints to`);
    expect(triggerError(eventHub({ cloud: AzureCloud.PRIVATE }))).toBe(
      `${PATH}triggers[0].cloud: "Private" needs endpointSuffix. Set the Event Hubs endpoint suffix of the private cloud`);
  });

  // KEDA ≤2.19 divides by it unchecked; 2.20.0 requires > 0 (keda#7732).
  test('unprocessedEventThreshold must be > 0', () => {
    expect(triggerError(eventHub({ unprocessedEventThreshold: 0 }))).toBe(`${PATH}triggers[0].unprocessedEventThreshold: 0 must be an integer > 0`);
  });

  test('a ClusterTriggerAuthentication is taken on trust', () => {
    const trigger = renderTrigger(ScalerTrigger.azureEventHub({ authentication: ClusterTriggerAuthentication.fromName('eventhub-v3') }));
    expect(trigger.authenticationRef).toEqual({ kind: 'ClusterTriggerAuthentication', name: 'eventhub-v3' });
  });
});

describe('azure-eventhub regressions', () => {
  // keda#6084: "unable to get checkpoint from storage: %!w(<nil>)" on 2.15.0 and 2.15.1, fixed in 2.16.0.
  test.each(['2.15.0', '2.15.1'])('KEDA %s is refused for any azure-eventhub trigger (keda#6084)', (version) => {
    const release = KedaRelease.of(version);
    expect(triggerError(eventHub({}, release), { release })).toBe(`${PATH}triggers[0].type: "azure-eventhub" cannot work on KEDA ${version}: `
      + 'the azure-eventhub scaler fails with "unable to get checkpoint from storage: %!w(<nil>)" as soon as a partition has no checkpoint yet '
      + '(keda#6084, fixed by keda PR #6096; fixed in 2.16.0). Use KEDA 2.14.x or 2.16.0 or later (there is no 2.15.2)');
  });

  test.each(['2.14.1', '2.16.1'])('KEDA %s is fine (keda#6084)', (version) => {
    const release = KedaRelease.of(version);
    expect(renderTrigger(eventHub({}, release), { release }).type).toBe('azure-eventhub');
  });

  // keda#6908 introduced it in 2.18.0; the fix, keda PR #7926, is in no release yet.
  test.each(['2.18.0', '2.20.2', '2.21.0'])('KEDA %s refuses eventHubName with a connection string (keda PR #7926)', (version) => {
    const release = KedaRelease.of(version);
    expect(triggerError(eventHub({ eventHubName: 'orders' }, release), { release })).toBe(`${PATH}triggers[0].eventHubName: "orders" together with `
      + `a connection string cannot work on KEDA ${version}: azure-eventhub with a connection string and eventHubName fails with "connection string `
      + 'contains an EntityPath. eventHub must be an empty string" (caused by keda#6908, fixed on main by keda PR #7926; no release has the fix yet). '
      + 'Leave eventHubName unset and use a connection string that contains ;EntityPath=<event hub>, or use workload identity (podIdentity '
      + 'azure-workload) with eventHubNamespace and eventHubName');
  });

  test('KEDA 2.17.1 accepts eventHubName with a connection string; workload identity with eventHubName is fine on 2.20.2', () => {
    const release = KedaRelease.V2_17_1;
    expect(renderTrigger(eventHub({ eventHubName: 'orders' }, release), { release }).metadata.eventHubName).toBe('orders');
    const wi = ScalerTrigger.azureEventHub({ authentication: workloadIdentity(), eventHubNamespace: 'events', eventHubName: 'orders', storageAccountName: 'ckpt' });
    expect(renderTrigger(wi).metadata.eventHubName).toBe('orders');
  });
});
