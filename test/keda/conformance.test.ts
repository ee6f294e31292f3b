import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { KEDA_VERSIONS, kedaCrdsDir } from './helpers';
import {
  AwsIdentityOwner, AzureCloud, ClusterTriggerAuthentication, EventHubCheckpointStrategy, FallbackBehavior, HpaScalingPolicyType, HpaSelectPolicy,
  KafkaOffsetResetPolicy, KafkaSaslMechanism, KafkaSaslTokenProvider, KedaCloudEventSourceRbac, KedaRelease, MetricType,
  PodIdentityProvider, ScaledObject, ScalerTrigger, ScaleTarget, TriggerAuthentication,
} from '../../src';
import { CrdSchemas, expectConformant } from '../conformance/crd-schema';

// Every KEDA object this library emits must pass the API server's schema check of every release
// that supports the features it uses (domain-keda.md §9: older schemas accept things newer releases
// reject, so both ends are checked). The CEL rules of the 2.20 CRDs are not evaluated by the
// validator; the ScaledObject's own min <= max rule covers the one they contain.

/** Everything the library can emit for `release`, using each feature where the release has it. */
function everything(release: KedaRelease): any[] {
  const chart = new Chart(Testing.app(), 'conformance', { namespace: 'apps' });
  const has = (feature: Parameters<KedaRelease['_supports']>[0]) => release._supports(feature);

  const kafkaAuth = new TriggerAuthentication(chart, 'kafka-auth', {
    release,
    credentialsRevision: '7',
    secretTargetRefs: [
      { parameter: 'ca', name: 'events-cluster-ca-cert', key: 'ca.crt' },
      { parameter: 'username', name: 'orders-consumer', key: 'sasl.username' },
      { parameter: 'password', name: 'orders-consumer', key: 'password' },
    ],
    configMapTargetRefs: [{ parameter: 'keyPassword', name: 'tls-settings', key: 'pass' }],
  });
  const eventHubAuth = new TriggerAuthentication(chart, 'eventhub-auth', {
    release,
    podIdentity: { provider: PodIdentityProvider.AZURE_WORKLOAD, identityId: 'client', identityTenantId: 'tenant', identityAuthorityHost: 'https://login.example' },
  });
  new TriggerAuthentication(chart, 'aws-auth', {
    release,
    podIdentity: { provider: PodIdentityProvider.AWS, roleArn: 'arn:aws:iam::1:role/r', identityOwner: AwsIdentityOwner.KEDA, externalId: has('podIdentityExternalId') ? 'ext' : undefined },
  });
  if (has('triggerAuthBoundServiceAccountToken')) {
    new TriggerAuthentication(chart, 'token-auth', { release, boundServiceAccountTokens: [{ parameter: 'bearerToken', serviceAccountName: 'reader' }] });
  }
  new ClusterTriggerAuthentication(chart, 'cluster-auth', {
    release,
    secretTargetRefs: [{ parameter: 'password', name: 'shared-consumer', key: 'password' }],
    podIdentity: { provider: PodIdentityProvider.AWS },
  });
  if (has('triggerAuthFilePath')) {
    new ClusterTriggerAuthentication(chart, 'file-auth', { release, filePath: 'kafka/params.json', podIdentity: { provider: PodIdentityProvider.GCP } });
  }

  const triggers = [
    ScalerTrigger.kafka({
      name: 'lag',
      bootstrapServers: ['events-kafka-bootstrap.kafka.svc:9093'],
      consumerGroup: 'orders',
      topic: 'orders',
      lagThreshold: 50,
      activationLagThreshold: 1,
      offsetResetPolicy: KafkaOffsetResetPolicy.LATEST,
      excludePersistentLag: true,
      scaleToZeroOnInvalidOffset: true,
      ensureEvenDistributionOfPartitions: has('kafkaEnsureEvenDistributionOfPartitions') ? true : undefined,
      partitionLimitation: [0, 1],
      version: '3.9.0',
      tls: true,
      sasl: KafkaSaslMechanism.SCRAM_SHA512,
      useCachedMetrics: true,
      authentication: kafkaAuth,
    }),
    ScalerTrigger.prometheus({ name: 'rps', serverAddress: 'http://prometheus.monitoring.svc:9090', query: 'sum(up)', threshold: 10, ignoreNullValues: false }),
    ScalerTrigger.generic({ type: 'rabbitmq', metadata: { queueName: 'q', value: 5 }, authentication: ClusterTriggerAuthentication.fromName('rabbit-v1') }),
    ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '80' }),
    ScalerTrigger.memory({ metricType: MetricType.AVERAGE_VALUE, value: '512Mi', containerName: 'app' }),
  ];
  if (!release._affectedBy('eventHubCheckpoint')) {
    triggers.push(ScalerTrigger.azureEventHub({
      authentication: eventHubAuth,
      eventHubNamespace: 'events',
      eventHubName: 'orders',
      storageAccountName: 'ckpt',
      blobContainer: 'checkpoints',
      checkpointStrategy: EventHubCheckpointStrategy.BLOB_METADATA,
      cloud: AzureCloud.PUBLIC,
      unprocessedEventThreshold: 100,
    }));
  }
  if (has('kafkaSaslTokenProvider')) {
    triggers.push(ScalerTrigger.kafka({
      bootstrapServers: ['b-1.msk.amazonaws.com:9098'],
      consumerGroup: 'g',
      sasl: KafkaSaslMechanism.OAUTHBEARER,
      saslTokenProvider: KafkaSaslTokenProvider.AWS_MSK_IAM,
      tls: true,
      awsRegion: 'eu-west-1',
    }));
  }

  const behavior = has('fallbackBehaviorScalingModifiers') ? FallbackBehavior.SCALING_MODIFIERS
    : has('fallbackBehavior') ? FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER : undefined;
  new ScaledObject(chart, 'full', {
    release,
    target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer' }),
    minReplicas: 1,
    maxReplicas: 20,
    idleReplicas: 0,
    pollingInterval: Duration.seconds(15),
    cooldownPeriod: Duration.minutes(2),
    initialCooldownPeriod: Duration.minutes(1),
    fallback: { failureThreshold: 3, replicas: 4, behavior },
    advanced: {
      horizontalPodAutoscalerName: 'consumer-hpa',
      restoreToOriginalReplicaCount: true,
      behavior: {
        scaleUp: {
          stabilizationWindow: Duration.seconds(0),
          selectPolicy: HpaSelectPolicy.MAX,
          policies: [{ type: HpaScalingPolicyType.PODS, value: 4, period: Duration.seconds(15) }],
        },
        scaleDown: { policies: [{ type: HpaScalingPolicyType.PERCENT, value: 50, period: Duration.minutes(1) }] },
      },
      scalingModifiers: { formula: 'max(lag, rps)', target: '10', activationTarget: '1', metricType: MetricType.AVERAGE_VALUE },
    },
    triggers,
  });
  new ScaledObject(chart, 'connector', {
    release,
    target: ScaleTarget.of({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnector', name: 'sink' })._withoutPods('is a KafkaConnector'),
    minReplicas: 1,
    maxReplicas: 8,
    pausedReplicas: 2,
    triggers: [ScalerTrigger.kafka({ bootstrapServers: ['events-kafka-bootstrap.kafka.svc:9092'], consumerGroup: 'connect-sink' })],
  });
  new ScaledObject(chart, 'paused', {
    release,
    target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'other' }),
    paused: true,
    triggers: [ScalerTrigger.prometheus({ serverAddress: 'https://prom.example', query: 'q', threshold: 1, metricType: MetricType.VALUE })],
  });
  KedaCloudEventSourceRbac.ifNeeded(chart, 'rbac', release);
  return Testing.synth(chart);
}

describe.each(KEDA_VERSIONS)('objects for KEDA %s', (version) => {
  const dir = kedaCrdsDir(version);
  const schemas = CrdSchemas.fromFiles(fs.readdirSync(dir).map(f => path.join(dir, f)));
  const objects = everything(KedaRelease.of(version, { operator: { watchNamespace: 'apps' } }));

  test('conform to the KEDA CRDs of that release', () => {
    expect(objects.filter(o => o.kind === 'ScaledObject')).toHaveLength(3);
    expect(objects.filter(o => o.kind === 'TriggerAuthentication').length).toBeGreaterThanOrEqual(3);
    const clusterAuths = objects.filter(o => o.kind === 'ClusterTriggerAuthentication');
    expect(clusterAuths.map(o => [o.metadata.namespace, o.spec.filePath])).toEqual(
      KedaRelease.of(version)._supports('triggerAuthFilePath') ? [[undefined, undefined], [undefined, 'kafka/params.json']] : [[undefined, undefined]]);
    expectConformant(schemas, objects);
  });

  test('also conform to the CRDs of every newer fixture release', () => {
    for (const newer of KEDA_VERSIONS.filter(v => KedaRelease.of(v)._version.compare(version) > 0)) {
      const newerDir = kedaCrdsDir(newer);
      expectConformant(CrdSchemas.fromFiles(fs.readdirSync(newerDir).map(f => path.join(newerDir, f))), objects);
    }
  });
});

describe('the version gates match the schemas', () => {
  const schemasOf = (version: string) => CrdSchemas.fromFiles(fs.readdirSync(kedaCrdsDir(version)).map(f => path.join(kedaCrdsDir(version), f)));
  const so = (fallback: any) => ({
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'x' },
    spec: { scaleTargetRef: { name: 'x' }, fallback, triggers: [{ type: 'kafka', metadata: { topic: 't' } }] },
  });

  test('fallback.behavior, which the library refuses before 2.17.0, is unknown to the 2.16.1 schema', () => {
    const fallback = { failureThreshold: 3, replicas: 2, behavior: 'static' };
    expect(schemasOf('2.16.1').errors(so(fallback))).toEqual(['ScaledObject/x: /spec/fallback must NOT have additional property "behavior"']);
    expect(schemasOf('2.18.3').errors(so(fallback))).toEqual([]);
    expect(schemasOf('2.18.3').errors(so({ ...fallback, behavior: 'scalingModifiers' }))[0]).toMatch(/^ScaledObject\/x: \/spec\/fallback\/behavior must be one of/);
  });

  test('a ClusterTriggerAuthentication filePath, refused before 2.19.0, is unknown to the 2.18.3 schema', () => {
    const cta = { apiVersion: 'keda.sh/v1alpha1', kind: 'ClusterTriggerAuthentication', metadata: { name: 'x' }, spec: { filePath: 'creds.json' } };
    expect(schemasOf('2.18.3').errors(cta)).toEqual(['ClusterTriggerAuthentication/x: /spec must NOT have additional property "filePath"']);
    expect(schemasOf('2.20.2').errors(cta)).toEqual([]);
  });

  test('a TriggerAuthentication boundServiceAccountToken, refused before 2.17.0, is unknown to the 2.16.1 schema', () => {
    const ta = { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: { name: 'x' }, spec: { boundServiceAccountToken: [{ parameter: 'p', serviceAccountName: 's' }] } };
    expect(schemasOf('2.16.1').errors(ta)).toEqual(['TriggerAuthentication/x: /spec must NOT have additional property "boundServiceAccountToken"']);
  });
});
