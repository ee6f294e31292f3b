import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { forbiddenBrokerConfig, forbiddenConnectConfig } from '../../src/strimzi/forbidden-config';
import { defaultKafkaVersion, defaultMetadataVersion, kafkaVersionTable } from '../../src/strimzi/kafka-versions';
import { kafkaVersionsFile, STRIMZI_VERSIONS, strimziInstallDir, strimziRelease } from '../fixtures';

function configDescription(version: string, file: RegExp, at: (spec: any) => any): string | undefined {
  const dir = strimziInstallDir(version);
  const crd: any = jsYaml.load(fs.readFileSync(path.join(dir, fs.readdirSync(dir).find(f => file.test(f))!), 'utf-8'));
  const served = crd.spec.versions.find((v: any) => v.name === 'v1') ?? crd.spec.versions[0];
  return at(served.schema.openAPIV3Schema.properties.spec.properties)?.description;
}

/** `... cannot be set: a, b, c (with the exception of: x, y).` -> prefixes and exceptions */
function parseForbidden(description: string): { prefixes: string[]; exceptions: string[] } {
  const m = /cannot be set: (.*?)(?: \(with the exception of: (.*)\))?\.$/.exec(description)!;
  return { prefixes: m[1].split(', '), exceptions: m[2] ? m[2].split(', ') : [] };
}

describe.each(STRIMZI_VERSIONS)('Strimzi %s version facts', (version) => {
  test('the Kafka version table matches kafka-versions.yaml of the release', () => {
    const supported = kafkaVersionsFile(version).filter(v => v.supported);
    const table = kafkaVersionTable(version)!;
    expect(table.default).toBe(supported.find(v => v.default)!.version);
    expect(table.metadata).toEqual(Object.fromEntries(supported.map(v => [v.version, v.metadata])));
    const release = strimziRelease(version);
    expect(defaultKafkaVersion(release)).toBe(table.default);
    expect(Object.keys(table.metadata)).toEqual(release.kafkaVersions);
  });

  test('the forbidden broker config matches the Kafka CRD description, where it still lists it', () => {
    const description = configDescription(version, /-Crd-kafka\.yaml$/, s => s.kafka.properties.config);
    if (description?.includes('cannot be set:')) {
      const listed = parseForbidden(description);
      const ours = forbiddenBrokerConfig(strimziRelease(version)._version);
      expect(ours.prefixes).toEqual(listed.prefixes);
      expect(ours.exceptions).toEqual(listed.exceptions);
    } else {
      // 0.49-0.51 describe no list, 1.0+ refer to the documentation: we keep the 0.45 list.
      expect(description === undefined || description.includes('Consult the documentation')).toBe(true);
    }
  });

  test('the forbidden Connect config covers the KafkaConnect CRD description', () => {
    const listed = parseForbidden(configDescription(version, /-Crd-kafkaconnect\.yaml$/, s => s.config)!);
    const ours = forbiddenConnectConfig(strimziRelease(version)._version);
    expect(ours.prefixes).toEqual(expect.arrayContaining(listed.prefixes));
    // Beyond the CRD we refuse only the group and storage topic keys, which have properties of their own.
    expect(ours.prefixes.filter(p => !listed.prefixes.includes(p)).every(p => /^(group\.id|(config|offset|status)\.storage\.topic)$/.test(p))).toBe(true);
    expect(ours.exceptions).toEqual(listed.exceptions);
  });
});

test('a release missing from the table runs its newest Kafka with MAJOR.MINOR metadata', () => {
  const release = strimziRelease('1.2.0');
  const unknown = Object.assign(Object.create(Object.getPrototypeOf(release)), release, { version: '9.9.9' });
  expect(defaultKafkaVersion(unknown)).toBe('4.3.1');
  expect(defaultMetadataVersion(unknown, '4.3.1')).toBe('4.3');
});
