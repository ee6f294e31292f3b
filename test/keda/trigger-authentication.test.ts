import { Yaml } from 'cdk8s';
import { newChart, synthKind, thrown } from './helpers';
import {
  AwsIdentityOwner, ClusterTriggerAuthentication, KedaRelease, PodIdentityProvider, TriggerAuthentication, TriggerAuthenticationProps,
} from '../../src';

const SCRAM: TriggerAuthenticationProps = {
  release: KedaRelease.V2_20_2,
  secretTargetRefs: [
    { parameter: 'username', name: 'orders-consumer', key: 'sasl.username' },
    { parameter: 'password', name: 'orders-consumer', key: 'password' },
    { parameter: 'ca', name: 'events-cluster-ca-cert', key: 'ca.crt' },
  ],
};

function create(props: Partial<TriggerAuthenticationProps> = {}, id = 'kafka-auth'): TriggerAuthentication {
  return new TriggerAuthentication(newChart(), id, { ...SCRAM, ...props });
}

function nameOf(props: Partial<TriggerAuthenticationProps> = {}): string {
  return create(props).name;
}

describe('TriggerAuthentication', () => {
  test('emits references only, under a name with a content hash', () => {
    const chart = newChart();
    const auth = new TriggerAuthentication(chart, 'kafka-auth', SCRAM);
    expect(auth.name).toMatch(/^kafka-auth-[0-9a-f]{8}$/);
    expect(synthKind(chart, 'TriggerAuthentication')).toEqual({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: { name: auth.name, namespace: 'apps' },
      spec: {
        secretTargetRef: [
          { parameter: 'username', name: 'orders-consumer', key: 'sasl.username' },
          { parameter: 'password', name: 'orders-consumer', key: 'password' },
          { parameter: 'ca', name: 'events-cluster-ca-cert', key: 'ca.crt' },
        ],
      },
    });
  });

  // keda#5915, keda#7906: KEDA notices neither a changed Secret nor a changed TriggerAuthentication.
  test('any change of content or credentialsRevision renames it; the same declaration keeps the name', () => {
    const base = nameOf();
    expect(nameOf()).toBe(base);
    expect(nameOf({ credentialsRevision: '2' })).not.toBe(base);
    expect(nameOf({ credentialsRevision: '2' })).toBe(nameOf({ credentialsRevision: '2' }));
    expect(nameOf({ secretTargetRefs: [...SCRAM.secretTargetRefs!.slice(0, 2), { parameter: 'ca', name: 'events-cluster-ca-cert', key: 'ca.p12' }] })).not.toBe(base);
    expect(nameOf({ baseName: 'scram' })).toBe(`scram-${base.slice(-8)}`);
  });

  test('configMapTargetRefs and podIdentity are emitted', () => {
    const chart = newChart();
    new TriggerAuthentication(chart, 'azure', {
      release: KedaRelease.V2_20_2,
      configMapTargetRefs: [{ parameter: 'storageAccountName', name: 'eventhub-settings', key: 'account' }],
      podIdentity: { provider: PodIdentityProvider.AZURE_WORKLOAD, identityId: 'client', identityTenantId: 'tenant', identityAuthorityHost: 'https://login.example' },
    });
    expect(synthKind(chart, 'TriggerAuthentication').spec).toEqual({
      configMapTargetRef: [{ parameter: 'storageAccountName', name: 'eventhub-settings', key: 'account' }],
      podIdentity: { provider: 'azure-workload', identityId: 'client', identityTenantId: 'tenant', identityAuthorityHost: 'https://login.example' },
    });
  });

  test('no secret value can reach the manifest: only names of Secrets and keys', () => {
    const chart = newChart();
    new TriggerAuthentication(chart, 'kafka-auth', SCRAM);
    const yaml = Yaml.stringify(synthKind(chart, 'TriggerAuthentication'));
    expect(yaml).not.toMatch(/(^|\s)(data|stringData|value):/m);
  });

  test('an empty spec, a parameter given twice and bad references are refused', () => {
    expect(thrown(() => create({ secretTargetRefs: [] }))).toBe('[test/kafka-auth] spec: {} is empty. Give secretTargetRefs, configMapTargetRefs, '
      + 'boundServiceAccountTokens, filePath or podIdentity');
    expect(thrown(() => create({ configMapTargetRefs: [{ parameter: 'ca', name: 'x', key: 'ca.crt' }] }))).toBe(
      '[test/kafka-auth] parameter: "ca" is provided more than once. Each trigger parameter may come from one place only');
    expect(thrown(() => create({ secretTargetRefs: [{ parameter: 'password', name: 'Orders', key: 'password' }] }))).toMatch(
      /^\[test\/kafka-auth\] secretTargetRefs\[0\]\.name: "Orders" must be a valid Kubernetes object name/);
    expect(thrown(() => create({ secretTargetRefs: [{ parameter: 'password', name: 'orders', key: 'a/b' }] }))).toBe(
      '[test/kafka-auth] secretTargetRefs[0].key: "a/b" is not a valid key (letters, digits, \'-\', \'_\' and \'.\')');
    expect(thrown(() => create({}, 'Kafka_Auth'))).toMatch(/^\[test\/Kafka_Auth\] id: "kafka_auth" gives the name "kafka_auth-[0-9a-f]{8}", which must be a valid Kubernetes object name .*\. Set baseName$/);
  });

  // triggerauthentication_webhook.go
  test('KEDA\'s podIdentity rules', () => {
    const identity = (podIdentity: any) => thrown(() => create({ secretTargetRefs: undefined, podIdentity }));
    expect(identity({ provider: PodIdentityProvider.AZURE_WORKLOAD, identityId: '' })).toBe(
      '[test/kafka-auth] podIdentity.identityId: "" is empty. Leave it unset to use the default identity');
    expect(identity({ provider: PodIdentityProvider.AZURE_WORKLOAD, identityId: 'c', identityAuthorityHost: 'h' })).toBe(
      '[test/kafka-auth] podIdentity.identityAuthorityHost: "h" needs podIdentity.identityTenantId');
    expect(identity({ provider: PodIdentityProvider.AWS, roleArn: 'arn:aws:iam::1:role/r', identityOwner: AwsIdentityOwner.WORKLOAD })).toBe(
      '[test/kafka-auth] podIdentity.roleArn: "arn:aws:iam::1:role/r" cannot be used with identityOwner workload. Remove one of them');
    expect(identity({ provider: PodIdentityProvider.AWS, externalId: 'x' })).toBe('[test/kafka-auth] podIdentity.externalId: "x" needs podIdentity.roleArn');
    expect(identity({ provider: PodIdentityProvider.GCP, roleArn: 'arn' })).toBe(
      '[test/kafka-auth] podIdentity.roleArn: "arn" is not used with provider gcp. It applies to aws and aws-eks only');
    expect(identity({ provider: 'azure' })).toBe('[test/kafka-auth] podIdentity.provider: "azure" is not one of none, azure-workload, gcp, aws, aws-eks');
  });

  test.each([
    ['boundServiceAccountTokens', { boundServiceAccountTokens: [{ parameter: 'token', serviceAccountName: 'reader' }] }, '2.16.1', '2.17.0',
      'v2.17.0:apis/keda/v1alpha1/triggerauthentication_types.go', '["reader"]'],
    ['filePath', { filePath: '/var/run/keda/kafka.json' }, '2.18.3', '2.19.0', 'v2.19.0:apis/keda/v1alpha1/triggerauthentication_types.go', '"/var/run/keda/kafka.json"'],
    ['podIdentity.externalId', { podIdentity: { provider: PodIdentityProvider.AWS, roleArn: 'arn', externalId: 'x' } }, '2.19.0', '2.20.0',
      'v2.20.0:apis/keda/v1alpha1/triggerauthentication_types.go', '"x"'],
  ])('%s needs KEDA %s+', (field, props, before, since, source, value) => {
    expect(thrown(() => create({ secretTargetRefs: undefined, ...props, release: KedaRelease.of(before) }))).toBe(
      `[test/kafka-auth] ${field}: ${value} needs KEDA ${since} or later (${source}), but the release is KEDA ${before}. Remove it, or use KEDA ${since} or later`);
    expect(create({ secretTargetRefs: undefined, ...props, release: KedaRelease.of(since) }).name).toMatch(/^kafka-auth-/);
  });
});

describe('ClusterTriggerAuthentication.fromName', () => {
  test('refers by kind and name', () => {
    expect(ClusterTriggerAuthentication.fromName('kafka-v2')).toEqual({ kind: 'ClusterTriggerAuthentication', name: 'kafka-v2' });
    expect(thrown(() => ClusterTriggerAuthentication.fromName('Kafka'))).toMatch(/^ClusterTriggerAuthentication.fromName: name: "Kafka" must be a valid Kubernetes object name/);
  });
});
