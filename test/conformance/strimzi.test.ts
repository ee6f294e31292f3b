import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { CONNECTOR_SCALE_SELECTOR_FIELD } from '../../src/strimzi/crds';
import { STRIMZI_VERSIONS, strimziInstallDir, strimziRelease } from '../fixtures';
import { CrdSchemas, expectConformant } from './crd-schema';
import { everyFeature } from './strimzi-declaration';

// The test that says our output is what Strimzi accepts: every object the library emits, validated
// against the OpenAPI schema of the upstream CRDs of the targeted release, for every fixture release.
describe.each(STRIMZI_VERSIONS)('Strimzi %s', (version) => {
  const dir = strimziInstallDir(version);
  const schemas = CrdSchemas.fromFiles(fs.readdirSync(dir).filter(f => f.includes('-Crd-')).map(f => path.join(dir, f)));

  test('every emitted Strimzi resource validates against the upstream CRDs', () => {
    const platform = everyFeature(Testing.app(), strimziRelease(version));
    const objects = Testing.synth(platform.kafkaStage!);
    expect(new Set(objects.map(o => o.kind))).toEqual(new Set(['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'KafkaConnect', 'KafkaConnector']));
    expectConformant(schemas, objects);
  });

  test('the emitted CRDs and operator stage objects are all CRDs or core kinds', () => {
    const platform = everyFeature(Testing.app(), strimziRelease(version));
    expectConformant(schemas, Testing.synth(platform.operatorStage));
  });

  test('a connector with the scale selector validates against the patched CRD, not the upstream one', () => {
    const platform = everyFeature(Testing.app(), strimziRelease(version));
    const patched = CrdSchemas.fromCrds(Testing.synth(platform.crdStage));
    const connector = Testing.synth(platform.kafkaStage!).find(o => o.kind === 'KafkaConnector');
    const withSelector = { ...connector, spec: { ...connector.spec, [CONNECTOR_SCALE_SELECTOR_FIELD]: 'x/connector=kafka.sink' } };
    expect(patched.errors(withSelector)).toEqual([]);
    expect(schemas.errors(withSelector).join('\n')).toContain(CONNECTOR_SCALE_SELECTOR_FIELD);
  });
});
