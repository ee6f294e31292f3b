import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { KedaRelease } from '../../src';
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

describe.each(STRIMZI_VERSIONS)('Strimzi %s with the newest KEDA', (strimzi) => {
  test('every emitted object validates against the upstream CRDs', () => check(strimzi, NEWEST_KEDA));
});

describe.each(KEDA_VERSIONS)('KEDA %s with the newest Strimzi', (keda) => {
  test('every emitted object validates against the upstream CRDs', () => check(NEWEST_STRIMZI, keda));
});
