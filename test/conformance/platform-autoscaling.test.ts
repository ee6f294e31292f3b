import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { KafkaPlatform, KedaRelease } from '../../src';
import { kedaKafka } from '../autoscaling/setup';
import { KEDA_DIR, KEDA_VERSIONS, NEWEST_STRIMZI, STRIMZI_VERSIONS, strimziRelease } from '../fixtures';
import { CrdSchemas, expectConformant } from './crd-schema';
import { everyFeature } from './strimzi-declaration';

const NEWEST_KEDA = KEDA_VERSIONS[KEDA_VERSIONS.length - 1];

function kedaSchemas(version: string): CrdSchemas {
  const dir = path.join(KEDA_DIR, version, 'crds');
  return CrdSchemas.fromFiles(fs.readdirSync(dir).map(f => path.join(dir, f)));
}

// The whole platform with every autoscaling feature: the Strimzi objects against the CRDs the platform
// ships (upstream plus the KafkaConnector scale patch, which crds.test.ts proves is the only change),
// and the KEDA objects against the upstream KEDA CRDs.
function check(strimzi: string, keda: string) {
  const platform = everyFeature(Testing.app(), strimziRelease(strimzi), KedaRelease.of(keda));
  const resources = Testing.synth(platform.kafkaStage!);
  const scaling = Testing.synth(platform.autoscalingStage!);
  expect(resources.filter(o => o.kind === 'KafkaConnector' && o.spec.scaleSelector)).toHaveLength(1);
  expect(new Set(scaling.map(o => o.kind))).toEqual(new Set(['TriggerAuthentication', 'ScaledObject', 'ConfigMap']));
  expectConformant(CrdSchemas.fromCrds(Testing.synth(platform.crdStage)), resources);
  expectConformant(kedaSchemas(keda), scaling);
}

// Beyond the limits of literal ACLs and of per-connector triggers: prefix ACLs, the Kafka Exporter on
// the Kafka, one prometheus trigger on the workers.
function checkBeyondLimits(strimzi: string, keda: string) {
  const kafka = kedaKafka({}, { keda: KedaRelease.of(keda) }, strimzi);
  const connect = kafka.addConnect('sinks', { replicas: 1, autoscaling: { maxReplicas: 3, prometheusServerAddress: 'http://prometheus.monitoring.svc:9090' } });
  for (let i = 0; i < 150; i++) {
    connect.addConnector(`to-s3-${i}`, { className: 'io.example.S3Sink', topics: [`orders-${i}`], tasksMax: 1, ...(i % 2 === 0 ? { autoscaling: { maxTasks: 1 } } : {}) });
  }
  const platform = KafkaPlatform.of(kafka);
  const resources = Testing.synth(platform.kafkaStage!);
  const scaling = Testing.synth(platform.autoscalingStage!);
  expect(resources.find(o => o.kind === 'Kafka').spec.kafkaExporter).toEqual({});
  expect(resources.filter(o => o.kind === 'KafkaUser').flatMap(u => u.spec.authorization.acls).some(a => a.resource.patternType === 'prefix')).toBe(true);
  expect(scaling.find(o => o.metadata.name === 'sinks-workers').spec.triggers.map((t: any) => t.type)).toEqual(['prometheus']);
  expectConformant(CrdSchemas.fromCrds(Testing.synth(platform.crdStage)), resources);
  expectConformant(kedaSchemas(keda), scaling);
}

describe.each(STRIMZI_VERSIONS)('Strimzi %s with the newest KEDA', (strimzi) => {
  test('every emitted object validates against the upstream CRDs', () => check(strimzi, NEWEST_KEDA));
  test('beyond the limits of literal ACLs and per-connector triggers too', () => checkBeyondLimits(strimzi, NEWEST_KEDA));
});

describe.each(KEDA_VERSIONS)('KEDA %s with the newest Strimzi', (keda) => {
  test('every emitted object validates against the upstream CRDs', () => check(NEWEST_STRIMZI, keda));
  test('beyond the limits of literal ACLs and per-connector triggers too', () => checkBeyondLimits(NEWEST_STRIMZI, keda));
});
