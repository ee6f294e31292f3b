import { Yaml } from 'cdk8s';
import { find, kafka, synth } from './setup';

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

// Issue 11: addOverride('__proto__.polluted', 'yes') set `polluted` on every object of the process,
// and overrides of metadata were not checked at all, so a namespace `Other`, a name `UPPER_case` or a
// label value with spaces reached the output.

describe('addOverride', () => {
  test.each([
    ['__proto__.polluted', '"__proto__"'],
    ['constructor.prototype.polluted', '"constructor"'],
    ['spec.prototype.polluted', '"prototype"'],
  ])('refuses %s, and no object of the process is polluted', (path, segment) => {
    const k = kafka();
    expect(() => k.addOverride(path, 'yes')).toThrow(`[p-kafka/events] addOverride path: ${JSON.stringify(path)} has the segment ${segment}, `
      + 'which would reach JavaScript\'s object prototype, not a field (prototype pollution). No Kubernetes field has this name');
    expect(({} as any).polluted).toBeUndefined();
  });

  test('refuses values that could pollute or break the output', () => {
    const k = kafka();
    expect(() => k.addOverride('spec.kafka.template', JSON.parse('{"pod": {"__proto__": {"polluted": "yes"}}}'))).toThrow(
      '[p-kafka/events] addOverride("spec.kafka.template") value.pod["__proto__"]: "__proto__" is JavaScript\'s prototype property, not a key a manifest can carry');
    expect(() => k.addOverride('spec.kafka.config', { '<<': { a: 1 } })).toThrow(
      'addOverride("spec.kafka.config") value["<<"]: "<<" is YAML\'s merge key: kubectl would merge its value instead of reading it as a key');
    expect(() => k.addOverride('spec.kafka.config.<<', 'x')).toThrow('addOverride path: "spec.kafka.config.<<" has the segment "<<", which is YAML\'s merge key');
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(() => k.addOverride('spec.kafka.template', cyclic)).toThrow('value.self: "[circular]" refers to an object that contains it');
    expect(() => k.addOverride('spec.kafka.replicas', 1n)).toThrow('value: 1n must be a JSON value');
    expect(({} as any).polluted).toBeUndefined();
  });

  test('writes a key named like an inherited method as a key (was: TypeError from hasOwnProperty)', () => {
    const k = kafka();
    k.addOverride('metadata.labels.toString', 'x');
    k.addOverride('metadata.annotations.constructor\\.name', 'y');
    const metadata = find(synth(k), 'Kafka').metadata;
    expect(metadata.labels).toEqual({ toString: 'x' });
    expect(metadata.annotations['constructor.name']).toBe('y');
  });

  test('a value is copied when it is given, so later changes do not bypass the checks', () => {
    const k = kafka();
    const value: any = { priorityClassName: 'kafka' };
    k.addOverride('spec.kafka.template.pod', value);
    value.priorityClassName = 'changed';
    value.self = value;
    expect(find(synth(k), 'Kafka').spec.kafka.template.pod).toEqual({ priorityClassName: 'kafka' });
  });
});

describe('addOverride on metadata is checked like the API server does', () => {
  test.each([
    ['metadata.namespace', 'Other', 'would change metadata.namespace, which the construct sets and other objects refer to. Set the namespace of the Kafka cluster'],
    ['metadata.name', 'UPPER_case', 'would change metadata.name, which the construct sets and other objects refer to. Set the construct\'s name property'],
    ['metadata', {}, 'would change metadata, which the construct sets'],
  ])('%s is the construct\'s', (path, value, rule) => {
    expect(() => kafka().addOverride(path, value)).toThrow(`[p-kafka/events] addOverride path: ${JSON.stringify(path)} ${rule}`);
  });

  test('labels and annotations the construct sets stay', () => {
    const topic = kafka().addTopic('orders');
    expect(() => topic.addOverride('metadata.labels.strimzi\\.io/cluster', 'other')).toThrow(
      '[p-kafka/events/orders] addOverride path: "metadata.labels.strimzi\\\\.io/cluster" would change the label strimzi.io/cluster, '
      + 'which the construct sets to "events" and Strimzi reads. Leave it to the construct');
    expect(() => topic.addOverride('metadata.labels', { team: 'a' })).toThrow('would change metadata.labels, which the construct sets');
  });

  test('label keys and values, annotation keys and their total size, and ObjectMeta\'s fields', () => {
    const k = kafka();
    k.addOverride('metadata.labels.team', 'data platform');
    k.addOverride('metadata.labels.Bad Key', 'x');
    k.addOverride('metadata.annotations.example\\.com/big', 'x'.repeat(256 * 1024));
    k.addOverride('metadata.owner', 'me');
    const message = errorOf(() => synth(k));
    for (const line of [
      '[p-kafka/events] metadata.owner: "me" is not a field of ObjectMeta; the API server refuses unknown fields',
      '[p-kafka/events] metadata.labels["team"]: "data platform" must be a valid label value (at most 63 letters, digits, \'-\', \'_\' and \'.\', '
      + 'starting and ending with a letter or digit, or empty)',
      '[p-kafka/events] metadata.labels["Bad Key"]: "Bad Key" must be a qualified name (an optional DNS subdomain prefix and \'/\', then at most 63 letters, '
      + 'digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit)',
    ]) {
      expect(message).toContain(line);
    }
    // The key, the value, and the server-side apply marking the object gets for its size.
    expect(message).toMatch(/\[p-kafka\/events\] metadata.annotations: "2622\d\d bytes" exceed the API server's 262144-byte limit for all annotations of an object together/);
  });

  test('valid labels and annotations are written', () => {
    const k = kafka();
    k.addOverride('metadata.labels.app\\.kubernetes\\.io/part-of', 'events');
    k.addOverride('metadata.annotations.example\\.com/owner', 'Data Platform <data@example.com>');
    const yaml = Yaml.stringify(find(synth(k), 'Kafka'));
    expect(yaml).toContain('app.kubernetes.io/part-of: events');
    expect(yaml).toContain('example.com/owner: Data Platform <data@example.com>');
  });
});

describe('addOverride and secrets', () => {
  // Issue 11 (found by test/property/secrets.test.ts): an override wrote a literal secret.
  test('refuses a literal secret under a secret-like key, and key material anywhere', () => {
    const k = kafka();
    expect(() => k.addOverride('metadata.annotations.credentials', 'hunter2')).toThrow(
      '[p-kafka/events] addOverride("metadata.annotations.credentials") value: "<redacted>" looks like a secret written literally');
    expect(() => k.addOverride('spec.kafka.template.pod.metadata.annotations', { note: '-----BEGIN PRIVATE KEY-----\nx' })).toThrow(
      'addOverride("spec.kafka.template.pod.metadata.annotations") value["note"]: "<redacted>" holds a PEM private key');
  });
});
