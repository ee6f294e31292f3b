import { ApiObject, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { AclOperation, AclResource, KafkaAuthorization, KafkaPlatform, PlatformStage } from '../../src';
import { coveringNames } from '../../src/strimzi/acl-cover';
import { strimziRelease } from '../fixtures';
import { THREE_BY_THREE } from '../strimzi/setup';

// etcd refuses requests over --max-request-bytes, 1.5 MiB by default (etcd server/embed/config.go,
// DefaultMaxRequestBytes = 1.5 * 1024 * 1024).
describe('objects over etcd\'s request limit', () => {
  test('an object marked for server-side apply but over 1572864 bytes fails synth, naming path, size and limit', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    new ApiObject(platform.ensureStage(PlatformStage.KAFKA), 'huge', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'huge', annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' } },
      data: { blob: 'x'.repeat(1_600_000) },
    });
    expect(() => app.synth()).toThrow(
      '[events-kafka] ConfigMap "huge" (events-kafka/huge): 1600157 bytes as compact JSON exceed the 1572864-byte request limit of etcd '
      + '(--max-request-bytes, 1.5 MiB by default), so the API server cannot store the object. Make it smaller: split what it lists over '
      + 'several objects, or move large data out of it');
  });

  test('a generated object that marks itself is refused too, with its exact size', () => {
    const app = Testing.app();
    const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
    const kafka = platform.addKafka('events', { ...THREE_BY_THREE, authorization: KafkaAuthorization.simple() });
    const big = kafka.addUser('big');
    for (let i = 0; i < 16_000; i++) {
      big.addAcl({ resource: AclResource.topic(`topic-${String(i).padStart(5, '0')}`), operations: [AclOperation.READ, AclOperation.DESCRIBE] });
    }
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    const rendered = big.apiObject.toJson();
    const bytes = Buffer.byteLength(JSON.stringify(rendered));
    expect(bytes).toBeGreaterThan(1_572_864);
    expect(message).toContain(`KafkaUser "big" (events-kafka/events/big/Resource): ${bytes} bytes as compact JSON exceed the 1572864-byte request limit of etcd`);
  });
});

describe('coveringNames', () => {
  test('keeps up to the limit of names literal, in the order given', () => {
    expect(coveringNames(['b', 'a', 'b'], 2)).toEqual([{ name: 'b', prefix: false }, { name: 'a', prefix: false }]);
  });

  test('beyond the limit: the longest prefixes within it, and a name that shares its prefix with none stays literal', () => {
    const names = ['connect-orders-1', 'connect-orders-2', 'connect-payments-1', 'connect-payments-2', 'audit'];
    expect(coveringNames(names, 3)).toEqual([
      { name: 'audit', prefix: false },
      { name: 'connect-orders-', prefix: true },
      { name: 'connect-payment', prefix: true },
    ]);
  });

  test('is the cover of the longest uniform prefix length within the limit, for any names', () => {
    // The definition, tried length by length: distinct prefixes of each length, the longest that
    // leaves at most `max` (or length 1), a prefix for a group and the name itself for a name alone.
    const byDefinition = (names: string[], max: number) => {
      const unique = [...new Set(names)];
      if (unique.length <= max) {
        return unique.map(name => ({ name, prefix: false }));
      }
      const groups = (length: number) => {
        const byPrefix = new Map<string, string[]>();
        unique.forEach(n => byPrefix.set(n.slice(0, length), [...byPrefix.get(n.slice(0, length)) ?? [], n]));
        return byPrefix;
      };
      let length = Math.max(...unique.map(n => n.length));
      while (length > 1 && groups(length).size > max) {
        length--;
      }
      return [...groups(length)].sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([prefix, group]) => (group.length > 1 ? { name: prefix, prefix: true } : { name: group[0], prefix: false }));
    };
    const name = fc.array(fc.constantFrom('a', 'b', 'c', '-', '0', '1', 'é', '😀'), { minLength: 1, maxLength: 8 }).map(cs => cs.join(''));
    fc.assert(fc.property(fc.array(name, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (names, max) => {
      expect(coveringNames(names, max)).toEqual(byDefinition(names, max));
    }), { numRuns: 300, seed: 20261206 });
  });

  test('every name is covered and the count stays within the limit at 10,000 names', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `connect-sink-${i}`);
    const cover = coveringNames(names, 100);
    expect(cover.length).toBeLessThanOrEqual(100);
    expect(names.every(n => cover.some(c => (c.prefix ? n.startsWith(c.name) : n === c.name)))).toBe(true);
  });
});
