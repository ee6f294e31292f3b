import { Yaml } from 'cdk8s';
import { newChart, synthKind, thrown } from './helpers';
import {
  AwsIdentityOwner, ClusterTriggerAuthentication, KafkaSaslMechanism, KedaRelease, PodIdentityProvider, ScaledObject, ScalerTrigger, ScaleTarget,
  TriggerAuthentication, TriggerAuthenticationProps,
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
      + 'boundServiceAccountTokens or podIdentity');
    expect(thrown(() => create({ configMapTargetRefs: [{ parameter: 'ca', name: 'x', key: 'ca.crt' }] }))).toBe(
      '[test/kafka-auth] parameter: "ca" is provided more than once. Each trigger parameter may come from one place only');
    expect(thrown(() => create({ secretTargetRefs: [{ parameter: 'password', name: 'Orders', key: 'password' }] }))).toMatch(
      /^\[test\/kafka-auth\] secretTargetRefs\[0\]\.name: "Orders" must be a valid Kubernetes object name/);
    expect(thrown(() => create({ secretTargetRefs: [{ parameter: 'password', name: 'orders', key: 'a/b' }] }))).toBe(
      '[test/kafka-auth] secretTargetRefs[0].key: "a/b" is not a valid key (letters, digits, \'-\', \'_\' and \'.\')');
    // Issue 11 (found by test/property/secrets.test.ts): a secret pasted where its key belongs was
    // repeated in the message, and so in the CI log.
    expect(thrown(() => create({ secretTargetRefs: [{ parameter: 'connection', name: 'eh', key: 'Endpoint=sb://x/;SharedAccessKey=abc=' }] }))).toBe(
      '[test/kafka-auth] secretTargetRefs[0].key: "<redacted>" is not a valid key (letters, digits, \'-\', \'_\' and \'.\')');
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
    ['podIdentity.externalId', { podIdentity: { provider: PodIdentityProvider.AWS, roleArn: 'arn', externalId: 'x' } }, '2.19.0', '2.20.0',
      'v2.20.0:apis/keda/v1alpha1/triggerauthentication_types.go', '"x"'],
  ])('%s needs KEDA %s+', (field, props, before, since, source, value) => {
    expect(thrown(() => create({ secretTargetRefs: undefined, ...props, release: KedaRelease.of(before) }))).toBe(
      `[test/kafka-auth] ${field}: ${value} needs KEDA ${since} or later (${source}), but the release is KEDA ${before}. Remove it, or use KEDA ${since} or later`);
    expect(create({ secretTargetRefs: undefined, ...props, release: KedaRelease.of(since) }).name).toMatch(/^kafka-auth-/);
  });
});

describe('ClusterTriggerAuthentication', () => {
  test('fromName refers by kind and name', () => {
    expect(ClusterTriggerAuthentication.fromName('kafka-v2')).toEqual({ kind: 'ClusterTriggerAuthentication', name: 'kafka-v2' });
    expect(thrown(() => ClusterTriggerAuthentication.fromName('Kafka'))).toMatch(/^ClusterTriggerAuthentication.fromName: name: "Kafka" must be a valid Kubernetes object name/);
  });

  test('emits a cluster-scoped object with references, named by its content', () => {
    const chart = newChart();
    const auth = new ClusterTriggerAuthentication(chart, 'kafka-auth', { ...SCRAM, credentialsRevision: '3' });
    expect(auth.name).toMatch(/^kafka-auth-[0-9a-f]{8}$/);
    expect(auth.name).not.toBe(create({ credentialsRevision: '4' }).name);
    expect(thrown(() => new ClusterTriggerAuthentication(newChart(), 'empty', { release: KedaRelease.V2_20_2 }))).toBe(
      '[test/empty] spec: {} is empty. Give secretTargetRefs, configMapTargetRefs, boundServiceAccountTokens, filePath or podIdentity');
    expect(synthKind(chart, 'ClusterTriggerAuthentication')).toEqual({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ClusterTriggerAuthentication',
      metadata: { name: auth.name },
      spec: { secretTargetRef: SCRAM.secretTargetRefs },
    });
  });

  // v2.20.2:pkg/scaling/resolver/scale_resolvers.go: resolveAuthRef reads filePath only for the kind
  // ClusterTriggerAuthentication and returns the file's parameters (plus podIdentity) without
  // resolving the spec's references; readAuthParamsFromFile refuses absolute paths and any "..".
  test('filePath: a relative path without "..", alone or with podIdentity, KEDA 2.19.0+', () => {
    const chart = newChart();
    const release = KedaRelease.of('2.19.0');
    new ClusterTriggerAuthentication(chart, 'file', { release, filePath: 'kafka/creds.json', podIdentity: { provider: PodIdentityProvider.AWS } });
    expect(synthKind(chart, 'ClusterTriggerAuthentication').spec).toEqual({ podIdentity: { provider: 'aws' }, filePath: 'kafka/creds.json' });

    const cta = (props: any) => thrown(() => new ClusterTriggerAuthentication(newChart(), 'file', { release, ...props }));
    expect(cta({ filePath: '/etc/keda/creds.json' })).toBe('[test/file] filePath: "/etc/keda/creds.json" must be relative and not contain \'..\' '
      + '(KEDA refuses it with "filePath must be relative and not contain \'..\'"). Give the path relative to the directory of the KEDA operator\'s '
      + '--filepath-auth-root-path flag, for example "kafka.json"');
    expect(cta({ filePath: '../creds.json' })).toMatch(/^\[test\/file\] filePath: "..\/creds.json" must be relative and not contain '..'/);
    // KEDA checks for the substring, so even a file name with two dots is refused.
    expect(cta({ filePath: 'creds..json' })).toMatch(/^\[test\/file\] filePath: "creds..json" must be relative and not contain '..'/);
    expect(cta({ filePath: ' ' })).toBe('[test/file] filePath: " " is empty. Give the file\'s path relative to the operator\'s --filepath-auth-root-path, for example "kafka.json"');
    expect(cta({ filePath: 'creds.json', secretTargetRefs: SCRAM.secretTargetRefs, configMapTargetRefs: [{ parameter: 'x', name: 'c', key: 'k' }] })).toBe(
      '[test/file] filePath: "creds.json" cannot be combined with secretTargetRef, configMapTargetRef: with filePath KEDA reads the parameters from the file only '
      + 'and ignores them. Put every parameter into the file, or use references without filePath');
    expect(thrown(() => new ClusterTriggerAuthentication(newChart(), 'file', { release: KedaRelease.of('2.18.3'), filePath: 'creds.json' }))).toBe(
      '[test/file] filePath: "creds.json" needs KEDA 2.19.0 or later (v2.19.0:pkg/scaling/resolver/scale_resolvers.go, keda#7083), but the release is KEDA 2.18.3. '
      + 'Remove it, or use KEDA 2.19.0 or later');
  });

  // The same resolveAuthRef fails every scaler whose TriggerAuthentication has filePath ("filePath is
  // only supported for ClusterTriggerAuthentication"); the library used to emit it there.
  test('filePath on a namespaced TriggerAuthentication is refused, pointing at ClusterTriggerAuthentication', () => {
    expect(thrown(() => create({ secretTargetRefs: undefined, filePath: 'creds.json' }))).toBe(
      '[test/kafka-auth] filePath: "creds.json" is only read by KEDA from a ClusterTriggerAuthentication; a scaler that uses a TriggerAuthentication with '
      + 'filePath fails with "filePath is only supported for ClusterTriggerAuthentication". Use new ClusterTriggerAuthentication(scope, id, { release, filePath }) instead');
  });

  test('a ScaledObject refers to it by kind, and takes the parameters of a file on trust', () => {
    const chart = newChart();
    const release = KedaRelease.V2_20_2;
    const file = new ClusterTriggerAuthentication(chart, 'file', { release, filePath: 'kafka.json' });
    const trigger = ScalerTrigger.kafka({ bootstrapServers: ['b:9093'], consumerGroup: 'g', sasl: KafkaSaslMechanism.SCRAM_SHA512, tls: true, authentication: file });
    new ScaledObject(chart, 'so', { release, target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }), triggers: [trigger] });
    expect(synthKind(chart, 'ScaledObject').spec.triggers[0].authenticationRef).toEqual({ name: file.name, kind: 'ClusterTriggerAuthentication' });
    expect(thrown(() => new ScaledObject(newChart(), 'so', {
      release: KedaRelease.V2_19_0, target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }), triggers: [trigger],
    }))).toMatch(/authentication: "test\/file" uses KEDA 2.20.2, but the ScaledObject uses KEDA 2.19.0/);
  });
});
