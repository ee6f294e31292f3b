import * as fs from 'fs';
import * as path from 'path';
import { JsonPatch, Testing } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import { KedaRelease } from '../src';
import { CrdSchemas } from './conformance/crd-schema';
import { everyFeature } from './conformance/strimzi-declaration';
import { KEDA_DIR, STRIMZI_VERSIONS, strimziRelease } from './fixtures';
import { find, kafka, synth } from './strimzi/setup';
import { CrdSchemaSet } from '../src/stages/crd-schema';

// The library validates what it renders against the CRDs it ships; the conformance tests validate
// with ajv against the upstream CRDs. Both must give the same verdict, for good objects and broken ones.
type Mutation = [string, (o: any) => void];
const MUTATIONS: { [kind: string]: Mutation[] } = {
  Kafka: [
    ['unknown field', o => { o.spec.kafka.replicaz = 3; }],
    ['unknown nested field', o => { o.spec.kafka.listeners[0].portz = 1; }],
    ['wrong type', o => { o.spec.kafka.listeners[0].tls = 'yes'; }],
    ['enum', o => { o.spec.kafka.listeners[0].type = 'public'; }],
    ['minimum', o => { o.spec.kafka.listeners[0].port = 80; }],
    ['pattern', o => { o.spec.kafka.listeners[0].name = 'Not-Valid'; }],
    ['required', o => { delete o.spec.kafka.listeners; }],
    ['preserved config', o => { o.spec.kafka.config['any.thing'] = { nested: true }; }],
  ],
  KafkaNodePool: [
    ['int-or-string', o => { o.spec.resources = { requests: { cpu: true } }; }],
    ['quantity pattern', o => { o.spec.resources = { requests: { memory: '4 gigs' } }; }],
    ['quantity as number', o => { o.spec.resources = { requests: { cpu: 2 } }; }],
  ],
  KafkaConnect: [
    ['oneOf', o => { o.spec.tls = { trustedCertificates: [{ secretName: 's' }] }; }],
    ['unknown root field', o => { o.specs = {}; }],
  ],
  KafkaUser: [
    ['acl operation enum', o => { o.spec.authorization.acls[0].operations = ['Fly']; }],
  ],
  KafkaTopic: [
    ['maximum', o => { o.spec.replicas = 40000; }],
  ],
};

describe.each(STRIMZI_VERSIONS)('the library\'s CRD validation agrees with ajv on Strimzi %s', (version) => {
  const platform = everyFeature(Testing.app(), strimziRelease(version), KedaRelease.of('2.20.2'));
  const crds = Testing.synth(platform.crdStage);
  const ours = new CrdSchemaSet(crds, `Strimzi ${version}`);
  const ajv = CrdSchemas.fromCrds(crds);
  const objects = Testing.synth(platform.kafkaStage!);

  test('every emitted object passes both', () => {
    for (const o of objects) {
      expect([o.kind, ours.errors(o)]).toEqual([o.kind, []]);
      expect([o.kind, ajv.errors(o)]).toEqual([o.kind, []]);
    }
  });

  test.each(Object.entries(MUTATIONS).flatMap(([kind, ms]) => ms.map(([name, m]) => [kind, name, m] as [string, string, (o: any) => void])))(
    '%s with %s: both verdicts match', (kind, _name, mutate) => {
      const object = structuredClone(objects.find(o => o.kind === kind));
      mutate(object);
      expect(ours.errors(object).length > 0).toBe(ajv.errors(object).length > 0);
    });
});

test('the KEDA objects of the newest release pass both', () => {
  const platform = everyFeature(Testing.app(), strimziRelease(), KedaRelease.of('2.20.2'));
  const dir = path.join(KEDA_DIR, '2.20.2', 'crds');
  const files = fs.readdirSync(dir).map(f => path.join(dir, f));
  const ours = new CrdSchemaSet(files.flatMap(f => jsYaml.loadAll(fs.readFileSync(f, 'utf-8')) as any[]), 'KEDA 2.20.2');
  const ajv = CrdSchemas.fromFiles(files);
  for (const o of Testing.synth(platform.autoscalingStage!).filter(x => x.apiVersion.startsWith('keda.sh'))) {
    expect(ours.errors(o)).toEqual([]);
    expect(ajv.errors(o)).toEqual([]);
    const broken = structuredClone(o);
    if (broken.kind === 'ScaledObject') {
      broken.spec.triggers[0].metadata.lagThreshold = 10; // trigger metadata is map[string]string
    } else {
      broken.spec.secretTargetRef[0].parameter = 1;
    }
    expect(ours.errors(broken).length).toBeGreaterThan(0);
    expect(ajv.errors(broken).length).toBeGreaterThan(0);
  }
});

describe('synth-time validation of what users add', () => {
  test('a mistyped override fails synth with the field, the construct and the CRD that rejects it', () => {
    const k = kafka();
    k.addOverride('spec.kafka.replicaz', 3);
    k.addOverride('spec.kafka.listeners.0.port', 80);
    expect(() => synth(k)).toThrow(
      '[p-kafka] Kafka "events" (p-kafka/events/Resource): spec.kafka.listeners[0].port: 80 must be >= 9092 (the Kafka CRD of Strimzi 1.2.0, version v1)\n'
      + '[p-kafka] Kafka "events" (p-kafka/events/Resource): spec.kafka.replicaz: is not a field of this resource (the Kafka CRD of Strimzi 1.2.0, version v1)');
  });

  test('a field of a newer API version is refused on an older release', () => {
    const k = kafka({}, '0.45.0');
    k.addConnect('c', { listener: 'plain' }).addOverride('spec.groupId', 'x');
    expect(() => synth(k)).toThrow('spec.groupId: is not a field of this resource (the KafkaConnect CRD of Strimzi 0.45.0, version v1beta2)');
  });

  test('valid overrides pass', () => {
    const k = kafka();
    k.addOverride('spec.kafka.template.pod.priorityClassName', 'kafka');
    expect(find(synth(k), 'Kafka').spec.kafka.template).toEqual({ pod: { priorityClassName: 'kafka' } });
  });
});

describe('the nearest real field is suggested for a mistyped one', () => {
  test('in an override', () => {
    const k = kafka();
    k.addOverride('spec.kafka.template.pod.priorityClasName', 'kafka');
    expect(() => synth(k)).toThrow('[p-kafka] Kafka "events" (p-kafka/events/Resource): spec.kafka.template.pod.priorityClasName: '
      + 'is not a field of this resource (the Kafka CRD of Strimzi 1.2.0, version v1). Did you mean `priorityClassName`?');
  });

  test('with other letter case, or two letters swapped', () => {
    const k = kafka();
    k.addOverride('spec.kafka.template.pod.PriorityClassName', 'kafka');
    k.addOverride('spec.kafka.template.pod.hsotAliases', []);
    expect(() => synth(k)).toThrow(/PriorityClassName: is not a field .*Did you mean `priorityClassName`\?\n.*hsotAliases: is not a field .*Did you mean `hostAliases`\?/);
  });

  test('not when no field is close', () => {
    const k = kafka();
    k.addOverride('spec.kafka.template.pod.sidecars', []);
    expect(() => synth(k)).toThrow(/spec\.kafka\.template\.pod\.sidecars: is not a field of this resource \(the Kafka CRD of Strimzi 1\.2\.0, version v1\)$/);
  });
});

// Fields are looked up as own properties: a plain object inherits `toString`, `constructor` and
// `hasOwnProperty`, which once passed as fields or crashed the check (issue 11).
describe('inherited members of plain objects are not fields', () => {
  test.each(['spec.toString', 'spec.kafka.hasOwnProperty'])('%s is refused', (field) => {
    const k = kafka();
    k.addOverride(field, { x: 1 });
    expect(() => synth(k)).toThrow(`[p-kafka] Kafka "events" (p-kafka/events/Resource): ${field}: is not a field of this resource`);
  });

  // addOverride refuses a constructor segment itself (prototype pollution); a JSON patch reaches the check.
  test.each(['spec.constructor', 'constructor'])('%s is refused', (field) => {
    const k = kafka();
    k.apiObject.addJsonPatch(JsonPatch.add(`/${field.replace(/\./g, '/')}`, { x: 1 }));
    expect(() => synth(k)).toThrow(`[p-kafka] Kafka "events" (p-kafka/events/Resource): ${field}: is not a field of this resource`);
  });

  test('an own __proto__ key of a parsed object is an unknown field, and nothing is polluted', () => {
    const platform = everyFeature(Testing.app(), strimziRelease(), KedaRelease.of('2.20.2'));
    const ours = new CrdSchemaSet(Testing.synth(platform.crdStage), 'Strimzi 1.2.0');
    const topic = find(Testing.synth(platform.kafkaStage!), 'KafkaTopic', 'orders');
    const hostile = JSON.parse(JSON.stringify(topic).replace('"spec":{', '"spec":{"__proto__":{"partitions":"x"},'));
    expect(ours.errors(hostile)).toEqual(['spec.__proto__: is not a field of this resource (the KafkaTopic CRD of Strimzi 1.2.0, version v1)']);
    expect(({} as any).partitions).toBeUndefined();
  });

  test('schema keywords are read from the schema node itself, not from a polluted prototype', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    };
    const set = new CrdSchemaSet([crd], 'test');
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, colour: 'red' } };
    const proto = Object.prototype as any;
    proto['x-kubernetes-preserve-unknown-fields'] = true;
    proto.nullable = true;
    try {
      expect(set.errors(widget)).toEqual(['spec.colour: is not a field of this resource (the Widget CRD of test, version v1)']);
      expect(set.errors({ ...widget, spec: { size: null } })).toEqual(['spec.size: must not be null (the Widget CRD of test, version v1)']);
    } finally {
      delete proto['x-kubernetes-preserve-unknown-fields'];
      delete proto.nullable;
    }
  });
});
