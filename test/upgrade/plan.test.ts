import { declareSmall, upgradeThrough } from './setup';

// One hop between neighbouring fixture releases, and the phases the plan takes for it. The phases
// follow Strimzi's upgrade sequence (`1.2.0:documentation/modules/upgrading/con-upgrade-sequence.adoc`):
// CRDs, operator, resources, then Kafka `version`, then `metadataVersion`.
describe('the phases of one hop', () => {
  test('0.41.0 -> 0.43.0 (v1beta2 on both sides): CRDs, operator, then Kafka 3.8.0 and its metadata version', () => {
    expect(upgradeThrough(['0.41.0', '0.43.0']).phases.map(p => p.folder)).toEqual([
      '00-current-0.41.0', '01-crds-0.43.0', '02-operator-0.43.0', '03-kafka-3.8.0', '04-metadata-3.8',
    ]);
  });

  test('0.43.0 -> 0.45.0', () => {
    expect(upgradeThrough(['0.43.0', '0.45.0']).phases.map(p => p.folder)).toEqual([
      '00-current-0.43.0', '01-crds-0.45.0', '02-operator-0.45.0', '03-kafka-3.9.0', '04-metadata-3.9',
    ]);
  });

  test('0.45.0 -> 0.49.1 (across the v1 API, no Kafka version in common): Kafka moves with the resources, as Strimzi documents', () => {
    const phases = upgradeThrough(['0.45.0', '0.49.1']).phases;
    expect(phases.map(p => p.folder)).toEqual([
      '00-current-0.45.0', '01-crds-0.49.1', '02-operator-0.49.1', '03-resources-0.49.1', '04-metadata-4.1',
    ]);
    expect(phases[2].why).toContain('cannot run Kafka 3.9.0');
    expect(phases[2].checks).toContain('kubectl -n kafka get kafka events -o jsonpath=\'{.status.conditions}\'   # NotReady, unsupported Kafka version: expected until the next phase');
    expect([phases[3].kafkaVersion, phases[3].metadataVersion, phases[3].resourcesRelease]).toEqual(['4.1.1', '3.9', '0.49.1']);
  });

  test('0.49.1 -> 0.51.0 (v1 on both sides): no resources phase, Kafka 4.2.0', () => {
    expect(upgradeThrough(['0.49.1', '0.51.0']).phases.map(p => p.folder)).toEqual([
      '00-current-0.49.1', '01-crds-0.51.0', '02-operator-0.51.0', '03-kafka-4.2.0', '04-metadata-4.2',
    ]);
  });

  test('0.51.0 -> 1.0.0: crd-upgrade on 0.51.0 before the v1-only CRDs', () => {
    const phases = upgradeThrough(['0.51.0', '1.0.0']).phases;
    expect(phases.map(p => p.folder)).toEqual(['00-current-0.51.0', '01-crd-upgrade-0.51.0', '02-crds-1.0.0', '03-operator-1.0.0']);
    expect(phases[1].checks).toContain('kubectl get crd strimzipodsets.core.strimzi.io -o jsonpath=\'{.status.storedVersions}\'   # ["v1"]');
    expect(phases[2].why).toContain('The operator of 0.51.0 reads v1beta2, which these CRDs no longer serve');
  });

  test('1.0.0 -> 1.2.0: Kafka 4.2.0 runs on both, then moves to 4.3.1', () => {
    expect(upgradeThrough(['1.0.0', '1.2.0']).phases.map(p => p.folder)).toEqual([
      '00-current-1.0.0', '01-crds-1.2.0', '02-operator-1.2.0', '03-kafka-4.3.1', '04-metadata-4.3-IV0',
    ]);
  });

  test('a Kafka version the next release cannot run moves first, within the old release, when both share one', () => {
    // 0.41.0 runs 3.6.x and 3.7.0; 0.43.0 runs 3.7.x and 3.8.0: 3.6.2 moves to 3.7.0 on 0.41.0 first.
    const phases = upgradeThrough(['0.41.0', '0.43.0'], { currentKafkaVersion: '3.6.2' }).phases;
    expect(phases.map(p => `${p.folder} ${p.operatorRelease} ${p.kafkaVersion}/${p.metadataVersion}`)).toEqual([
      '00-current-0.41.0 0.41.0 3.6.2/3.6', '01-kafka-3.7.0 0.41.0 3.7.0/3.6', '02-metadata-3.7 0.41.0 3.7.0/3.7',
      '03-crds-0.43.0 0.41.0 3.7.0/3.7', '04-operator-0.43.0 0.43.0 3.7.0/3.7', '05-kafka-3.8.0 0.43.0 3.8.0/3.7', '06-metadata-3.8 0.43.0 3.8.0/3.8',
    ]);
  });

  test('the declared Kafka version is the target; a hop keeps the version while both releases run it', () => {
    const phases = upgradeThrough(['0.49.1', '0.51.0'], { declaration: { declare: p => declareSmall(p, '4.1.1') } }).phases;
    expect(phases.map(p => p.folder)).toEqual(['00-current-0.49.1', '01-crds-0.51.0', '02-operator-0.51.0']);
  });
});

describe('the phases of a long path', () => {
  test('0.45.0 -> 0.51.0 -> 1.0.0 -> 1.2.0', () => {
    const phases = upgradeThrough(['0.45.0', '0.51.0', '1.0.0', '1.2.0']).phases;
    expect(phases.map(p => `${p.folder}: CRDs ${p.crdsRelease}, operator ${p.operatorRelease}, resources ${p.resourcesRelease}, Kafka ${p.kafkaVersion}/${p.metadataVersion}`)).toEqual([
      '00-current-0.45.0: CRDs 0.45.0, operator 0.45.0, resources 0.45.0, Kafka 3.9.0/3.9',
      '01-crds-0.51.0: CRDs 0.51.0, operator 0.45.0, resources 0.45.0, Kafka 3.9.0/3.9',
      '02-operator-0.51.0: CRDs 0.51.0, operator 0.51.0, resources 0.45.0, Kafka 3.9.0/3.9',
      '03-resources-0.51.0: CRDs 0.51.0, operator 0.51.0, resources 0.51.0, Kafka 4.2.0/3.9',
      '04-metadata-4.2: CRDs 0.51.0, operator 0.51.0, resources 0.51.0, Kafka 4.2.0/4.2',
      '05-crd-upgrade-0.51.0: CRDs 0.51.0, operator 0.51.0, resources 0.51.0, Kafka 4.2.0/4.2',
      '06-crds-1.0.0: CRDs 1.0.0, operator 0.51.0, resources 0.51.0, Kafka 4.2.0/4.2',
      '07-operator-1.0.0: CRDs 1.0.0, operator 1.0.0, resources 0.51.0, Kafka 4.2.0/4.2',
      '08-crds-1.2.0: CRDs 1.2.0, operator 1.0.0, resources 1.0.0, Kafka 4.2.0/4.2',
      '09-operator-1.2.0: CRDs 1.2.0, operator 1.2.0, resources 1.0.0, Kafka 4.2.0/4.2',
      '10-kafka-4.3.1: CRDs 1.2.0, operator 1.2.0, resources 1.2.0, Kafka 4.3.1/4.2',
      '11-metadata-4.3-IV0: CRDs 1.2.0, operator 1.2.0, resources 1.2.0, Kafka 4.3.1/4.3-IV0',
    ]);
  });
});
