import { Testing } from 'cdk8s';
import { StrimziRelease, StrimziUpgrade } from '../../src';
import { strimziRelease } from '../fixtures';
import { declareSmall, upgradeThrough } from './setup';

// Transitions Strimzi does not support are refused with the safe path spelled out.
describe('refused transitions', () => {
  test('a downgrade', () => {
    expect(() => upgradeThrough(['1.2.0', '1.0.0'])).toThrow(
      '[events] to: "1.0.0" is older than the release it comes from (1.2.0): downgrades are not supported. List the releases oldest first; Strimzi documents upgrades only');
  });

  test('the same release', () => {
    expect(() => upgradeThrough(['1.2.0', '1.2.0'])).toThrow(
      '[events] to: "1.2.0" is the release it comes from (1.2.0): there is nothing to upgrade. Give a newer release, or install with a KafkaPlatform');
  });

  test('releases out of order in via', () => {
    expect(() => upgradeThrough(['0.41.0', '0.45.0', '0.43.0', '0.49.1'])).toThrow('[events] via[1]: "0.43.0" is older than the release it comes from (0.45.0)');
  });

  // strimzi/proposals 113 ("Upgrade path"); 1.0.0:v1-api-conversion CrdUpgradeCommand checks both versions are served.
  test('from below 0.49 straight to 1.x: names the releases that would do', () => {
    expect(() => upgradeThrough(['0.45.0', '1.0.0'])).toThrow(
      '[events] to: "1.0.0" cannot follow Strimzi 0.45.0 directly: it serves only the v1 API, and resources stored as v1beta2 must first be '
      + 'converted and re-stored as v1 (Strimzi\'s crd-upgrade) on a release that serves both. Add via: [a 0.49, 0.50 or 0.51 release, '
      + 'for example StrimziRelease.fromDirectory(\'vendor/strimzi-0.51.0/install\')] before 1.0.0');
  });

  test('a 1.x release as the only stop between below 0.49 and 1.x does not do', () => {
    expect(() => upgradeThrough(['0.45.0', '1.0.0', '1.2.0'])).toThrow('[events] via[0]: "1.0.0" cannot follow Strimzi 0.45.0 directly');
  });

  test('a current Kafka version the running release does not support', () => {
    expect(() => upgradeThrough(['0.45.0', '0.49.1'], { currentKafkaVersion: '3.7.0' })).toThrow(
      '[events] currentKafkaVersion: "3.7.0" is not supported by Strimzi 0.45.0, the release the platform runs today. Supported: 3.8.0, 3.8.1, 3.9.0');
  });

  test('a declared Kafka version older than the running one', () => {
    expect(() => upgradeThrough(['1.0.0', '1.2.0'], { currentKafkaVersion: '4.2.0', declaration: { declare: p => declareSmall(p, '4.2.0') } })).not.toThrow();
    expect(() => upgradeThrough(['0.51.0', '1.0.0'], { currentKafkaVersion: '4.2.0', declaration: { declare: p => declareSmall(p, '4.1.2') } })).toThrow(
      '[events] declaration: "4.1.2" declares an older Kafka version than the clusters run (4.2.0); Kafka downgrades are not part of an upgrade. Declare kafkaVersion 4.2.0 or newer');
  });

  test('a declaration that the target release refuses names the phase', () => {
    expect(() => upgradeThrough(['1.0.0', '1.2.0'], { declaration: { declare: p => declareSmall(p, '9.9.9') } })).toThrow(
      /kafkaVersion: "9\.9\.9" is not supported by Strimzi 1\.2\.0[^\n]*\n\(in the last release of the upgrade events \(resources as Strimzi 1\.2\.0\)\)/);
  });

  test('something that is not a release', () => {
    expect(() => new StrimziUpgrade(Testing.app(), 'events', {
      namespace: 'kafka', from: strimziRelease('1.0.0'), to: { version: '1.2.0' } as unknown as StrimziRelease, declaration: { declare: () => undefined },
    })).toThrow('[events] to: {"version":"1.2.0"} is not a StrimziRelease. Read it with StrimziRelease.fromDirectory(), fromFile() or fromUrl()');
  });
});

describe('CRDs a newer release no longer has', () => {
  // CHANGELOG 0.46.0: MirrorMaker 1 removed. Deleting a CRD deletes every resource of its kind.
  test('are kept, unpruned, unless deleteObsoleteCrds: then the first phase without them says to delete them', () => {
    const kept = upgradeThrough(['0.45.0', '0.49.1']);
    expect(kept.phases.every(p => p.before.length === 0)).toBe(true);
    expect(kept.toMarkdown()).toContain('stay installed and are never pruned: `kafkamirrormakers.kafka.strimzi.io`');

    const deleted = upgradeThrough(['0.45.0', '0.49.1', '0.51.0'], { deleteObsoleteCrds: true });
    expect(deleted.phases.map(p => p.before)).toEqual([
      [], ['kubectl delete crd kafkamirrormakers.kafka.strimzi.io   # deletes every resource of its kind: only after migrating them'], [], [], [], [], [], [], [],
    ]);
  });
});
