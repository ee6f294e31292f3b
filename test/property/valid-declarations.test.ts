import * as fc from 'fast-check';
import { build, parseAll, platformDecl, runs, shippedSchemas, synthYaml } from './arbitraries';
import { expectConformant } from '../conformance/crd-schema';

// Issue 11: random valid declarations (clusters, node pools, listeners of every type, with the
// configuration route, ingress, loadbalancer and tlsroute listeners take, topics, users, Connect
// clusters, connectors, the autoscaling of Connect workers, of connector tasks and of consumers,
// overrides of labels, of typed spec fields and of dotted topic config keys) on every fixture
// release of Strimzi and KEDA. Each synthesizes, every object it writes validates against the CRDs
// the platform ships, and the output depends on the declaration only.

describe('random valid declarations', () => {
  test('synthesize to YAML that parses, conforms to the upstream CRDs, and is the same on a second synthesis', () => {
    fc.assert(fc.property(platformDecl, (d) => {
      const first = build(d);
      const yaml = synthYaml(first);
      const objects = parseAll(yaml);
      expect(objects.length).toBeGreaterThan(0);
      expect(objects.filter(o => o.kind === 'Kafka').map(o => o.metadata.name)).toEqual([d.kafkaName]);
      expectConformant(shippedSchemas(first, d), objects);
      expect(synthYaml(build(d))).toBe(yaml);
    }), runs());
  });
});
