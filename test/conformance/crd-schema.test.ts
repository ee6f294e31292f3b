import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { CrdSchemas, expectConformant } from './crd-schema';
import { KEDA_DIR, KEDA_VERSIONS, STRIMZI_DIR, STRIMZI_VERSIONS } from '../fixtures';


function strimziCrdFiles(version: string): string[] {
  const dir = path.join(STRIMZI_DIR, version, 'install');
  return fs.readdirSync(dir).filter(f => /^04.*-Crd-.*\.yaml$/.test(f)).map(f => path.join(dir, f));
}

function kedaCrdFiles(version: string): string[] {
  const dir = path.join(KEDA_DIR, version, 'crds');
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).map(f => path.join(dir, f));
}

const cache = new Map<string, CrdSchemas>();
function schemas(project: 'strimzi' | 'keda', version: string): CrdSchemas {
  const key = `${project} ${version}`;
  if (!cache.has(key)) {
    cache.set(key, CrdSchemas.fromFiles(project === 'strimzi' ? strimziCrdFiles(version) : kedaCrdFiles(version)));
  }
  return cache.get(key)!;
}

function topic(apiVersion: string, spec: any): any {
  return { apiVersion, kind: 'KafkaTopic', metadata: { name: 'orders', labels: { 'strimzi.io/cluster': 'events' } }, spec };
}

function scaledObject(metadata: any): any {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'orders' },
    spec: {
      scaleTargetRef: { name: 'orders-consumer' },
      triggers: [{ type: 'kafka', metadata }],
    },
  };
}

function scaledJob(template: any): any {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledJob',
    metadata: { name: 'batch' },
    spec: {
      jobTargetRef: { template },
      triggers: [{ type: 'kafka', metadata: { bootstrapServers: 'events-kafka-bootstrap:9092', topic: 'orders' } }],
    },
  };
}

describe('Strimzi KafkaTopic', () => {
  const v1 = () => schemas('strimzi', '1.2.0');

  test('a minimal topic conforms (v1 at 1.2.0, v1beta2 at 0.45.0)', () => {
    expect(v1().errors(topic('kafka.strimzi.io/v1', { partitions: 3, replicas: 3 }))).toEqual([]);
    expect(schemas('strimzi', '0.45.0').errors(topic('kafka.strimzi.io/v1beta2', { partitions: 3, replicas: 3 }))).toEqual([]);
  });

  test('any metadata is accepted (the schema says only metadata: {type: object})', () => {
    const obj = topic('kafka.strimzi.io/v1', {});
    obj.metadata = { ...obj.metadata, namespace: 'kafka', annotations: { a: 'b' }, finalizers: ['x'], anything: 1 };
    expect(v1().errors(obj)).toEqual([]);
  });

  test('partitions: 0 is below the minimum', () => {
    expect(v1().errors(topic('kafka.strimzi.io/v1', { partitions: 0 }))).toEqual([
      'KafkaTopic/orders: /spec/partitions must be >= 1',
    ]);
  });

  test('an unknown property under spec is an error', () => {
    expect(v1().errors(topic('kafka.strimzi.io/v1', { partitions: 1, replica: 3 }))).toEqual([
      'KafkaTopic/orders: /spec must NOT have additional property "replica"',
    ]);
  });

  test('an unknown property at the root is an error', () => {
    expect(v1().errors({ ...topic('kafka.strimzi.io/v1', {}), sepc: {} })).toEqual([
      'KafkaTopic/orders: / must NOT have additional property "sepc"',
    ]);
  });

  test('a wrong type is an error, and all errors are listed at once', () => {
    expect(v1().errors(topic('kafka.strimzi.io/v1', { partitions: '3', replicas: 40000, topicName: 7 }))).toEqual([
      'KafkaTopic/orders: /spec/topicName must be string',
      'KafkaTopic/orders: /spec/partitions must be integer',
      'KafkaTopic/orders: /spec/replicas must be <= 32767',
    ]);
  });

  test('a missing required property is an error', () => {
    const { spec: _spec, ...noSpec } = topic('kafka.strimzi.io/v1', {});
    expect(v1().errors(noSpec)).toEqual(["KafkaTopic/orders: / must have required property 'spec'"]);
  });

  test('spec.config preserves unknown fields: any keys and values, but it must be an object', () => {
    const config = { 'retention.ms': 604800000, 'cleanup.policy': 'compact', 'made.up': { nested: [true] } };
    expect(v1().errors(topic('kafka.strimzi.io/v1', { config }))).toEqual([]);
    expect(v1().errors(topic('kafka.strimzi.io/v1', { config: 'retention.ms=1' }))).toEqual([
      'KafkaTopic/orders: /spec/config must be object',
    ]);
  });
});

describe('Strimzi Kafka, KafkaConnect, KafkaNodePool', () => {
  const s = () => schemas('strimzi', '1.2.0');
  const kafka = (kafkaSpec: any) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'Kafka',
    metadata: { name: 'events' },
    spec: { kafka: { listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }], ...kafkaSpec } },
  });

  test('a minimal Kafka conforms; a typo and a wrong enum value do not', () => {
    expect(s().errors(kafka({ config: { 'min.insync.replicas': 2 } }))).toEqual([]);
    expect(s().errors(kafka({ replicaz: 3 }))).toEqual([
      'Kafka/events: /spec/kafka must NOT have additional property "replicaz"',
    ]);
    expect(s().errors(kafka({ listeners: [{ name: 'plain', port: 9092, type: 'internall', tls: false }] }))).toEqual([
      'Kafka/events: /spec/kafka/listeners/0/type must be one of "internal", "route", "tlsroute", "loadbalancer", "nodeport", "ingress", "cluster-ip"',
    ]);
  });

  test('oneOf branches are value validations only: exactly one of certificate / pattern', () => {
    // The branches are {properties: {certificate: {}}, required: [certificate]} etc.; were they strict,
    // secretName would fail them and no trusted certificate could ever conform.
    const connect = (trustedCertificates: any[]) => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaConnect',
      metadata: { name: 'connect' },
      spec: {
        replicas: 1,
        bootstrapServers: 'events-kafka-bootstrap:9093',
        groupId: 'connect',
        configStorageTopic: 'connect-configs',
        offsetStorageTopic: 'connect-offsets',
        statusStorageTopic: 'connect-status',
        tls: { trustedCertificates },
      },
    });
    expect(s().errors(connect([{ secretName: 'ca', certificate: 'ca.crt' }, { secretName: 'ca', pattern: '*.crt' }]))).toEqual([]);
    expect(s().errors(connect([{ secretName: 'ca' }, { secretName: 'ca', certificate: 'ca.crt', pattern: '*.crt' }]))).toEqual([
      "KafkaConnect/connect: /spec/tls/trustedCertificates/0 must match exactly one schema in oneOf (must have required property 'certificate'; must have required property 'pattern')",
      'KafkaConnect/connect: /spec/tls/trustedCertificates/1 must match exactly one schema in oneOf (branches 0 and 1 match)',
    ]);
  });

  test('int-or-string quantities accept integers and strings, then apply the quantity pattern', () => {
    const pool = (requests: any) => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaNodePool',
      metadata: { name: 'pool', labels: { 'strimzi.io/cluster': 'events' } },
      spec: {
        replicas: 3,
        roles: ['broker', 'controller'],
        storage: { type: 'jbod', volumes: [{ id: 0, type: 'persistent-claim', size: '100Gi' }] },
        resources: { requests },
      },
    });
    expect(s().errors(pool({ cpu: 1, memory: '2Gi' }))).toEqual([]);
    expect(s().errors(pool({ cpu: '500m' }))).toEqual([]);
    expect(s().errors(pool({ cpu: true }))).toEqual(['KafkaNodePool/pool: /spec/resources/requests/cpu must be integer or string']);
    expect(s().errors(pool({ cpu: 'two cores' }))).toEqual([
      expect.stringMatching(/^KafkaNodePool\/pool: \/spec\/resources\/requests\/cpu must match pattern "\^\(\\\+\|-\)\?/),
    ]);
  });
});

describe('KEDA', () => {
  test.each(['2.14.1', '2.20.2'])('a ScaledObject whose trigger metadata are all strings conforms (%s)', version => {
    const metadata = { bootstrapServers: 'events-kafka-bootstrap:9092', consumerGroup: 'orders', topic: 'orders', lagThreshold: '10' };
    expect(schemas('keda', version).errors(scaledObject(metadata))).toEqual([]);
  });

  test.each(['2.14.1', '2.20.2'])('trigger metadata is map[string]string: a number is an error (%s)', version => {
    expect(schemas('keda', version).errors(scaledObject({ topic: 'orders', lagThreshold: 10 }))).toEqual([
      'ScaledObject/orders: /spec/triggers/0/metadata/lagThreshold must be string',
    ]);
  });

  test('x-kubernetes-validations (CEL) are not evaluated: minReplicaCount > maxReplicaCount passes at 2.20.2', () => {
    const obj = scaledObject({ topic: 'orders' });
    obj.spec = { ...obj.spec, minReplicaCount: 5, maxReplicaCount: 2 };
    expect(schemas('keda', '2.20.2').errors(obj)).toEqual([]);
  });

  test.each(['2.14.1', '2.20.2'])('int-or-string ports accept 8080 and "http" but not 1.5 (ScaledJob probes, %s)', version => {
    const template = (port: unknown) => ({
      spec: { containers: [{ name: 'worker', image: 'worker:1', livenessProbe: { httpGet: { path: '/health', port } } }] },
    });
    expect(schemas('keda', version).errors(scaledJob(template(8080)))).toEqual([]);
    expect(schemas('keda', version).errors(scaledJob(template('http')))).toEqual([]);
    expect(schemas('keda', version).errors(scaledJob(template(1.5)))).toEqual([
      'ScaledJob/batch: /spec/jobTargetRef/template/spec/containers/0/livenessProbe/httpGet/port must be integer or string',
    ]);
  });

  test('a bare `type: object` prunes everything: ScaledJob template labels fail at 2.14.1 (kedacore/keda#5752), pass at 2.16.1', () => {
    const template = { metadata: { labels: { app: 'batch' } }, spec: { containers: [{ name: 'worker', image: 'worker:1' }] } };
    expect(schemas('keda', '2.14.1').errors(scaledJob(template))).toEqual([
      'ScaledJob/batch: /spec/jobTargetRef/template/metadata must NOT have additional property "labels"',
    ]);
    expect(schemas('keda', '2.16.1').errors(scaledJob(template))).toEqual([]);
  });
});

describe('serves() and errors() on unserved kinds', () => {
  test('kafka.strimzi.io/v1 Kafka is served at 1.2.0, not at 0.45.0', () => {
    expect(schemas('strimzi', '1.2.0').serves('kafka.strimzi.io/v1', 'Kafka')).toBe(true);
    expect(schemas('strimzi', '0.45.0').serves('kafka.strimzi.io/v1', 'Kafka')).toBe(false);
    expect(schemas('strimzi', '0.45.0').serves('kafka.strimzi.io/v1beta2', 'Kafka')).toBe(true);
    expect(schemas('strimzi', '0.45.0').serves('kafka.strimzi.io/v1alpha1', 'KafkaTopic')).toBe(true);
    expect(schemas('strimzi', '0.45.0').serves('kafka.strimzi.io/v1beta2', 'ScaledObject')).toBe(false);
  });

  test('versions with served: false are not served', () => {
    const crd: any = jsYaml.load(fs.readFileSync(path.join(STRIMZI_DIR, '0.45.0', 'install', '043-Crd-kafkatopic.yaml'), 'utf-8'));
    crd.spec.versions = crd.spec.versions.map((v: any) => ({ ...v, served: v.name === 'v1beta2' }));
    const s = CrdSchemas.fromCrds([crd]);
    expect(s.serves('kafka.strimzi.io/v1beta2', 'KafkaTopic')).toBe(true);
    expect(s.serves('kafka.strimzi.io/v1beta1', 'KafkaTopic')).toBe(false);
  });

  test('errors() throws for an apiVersion/kind no CRD serves', () => {
    const obj = { apiVersion: 'kafka.strimzi.io/v1', kind: 'Kafka', metadata: { name: 'events' }, spec: {} };
    expect(() => schemas('strimzi', '0.45.0').errors(obj)).toThrow('Kafka/events: no CRD serves kafka.strimzi.io/v1 Kafka');
  });

  test('two different schemas for one apiVersion/kind are refused', () => {
    const files = [...strimziCrdFiles('0.45.0'), ...strimziCrdFiles('0.49.1')];
    expect(() => CrdSchemas.fromFiles(files)).toThrow(/^two different CRDs serve kafka\.strimzi\.io\/v1beta2 /);
  });
});

describe('translation rules on a hand-written CRD', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            // apiVersion, kind and metadata are not declared: the API server accepts them anyway.
            properties: {
              spec: {
                type: 'object',
                properties: {
                  size: { type: 'integer', nullable: true, default: 3 },
                  color: { type: 'string', enum: ['red', 'blue'], nullable: true },
                  open: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true, 'properties': { known: { type: 'string' } } },
                  empty: { type: 'object' },
                },
              },
            },
          },
        },
      }],
    },
  };
  const widget = (spec: any) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } }, spec });
  const s = CrdSchemas.fromCrds([crd]);

  test('nullable allows null; default does not mutate the input', () => {
    const obj = widget({ size: null, color: null });
    expect(s.errors(obj)).toEqual([]);
    const noSize = widget({});
    expect(s.errors(noSize)).toEqual([]);
    expect(noSize.spec).toEqual({});
    expect(s.errors(widget({ color: 'green' }))).toEqual(['Widget/w: /spec/color must be one of "red", "blue", null']);
  });

  test('preserve-unknown-fields with properties still validates the declared ones', () => {
    expect(s.errors(widget({ open: { known: 'x', other: 1 } }))).toEqual([]);
    expect(s.errors(widget({ open: { known: 1 } }))).toEqual(['Widget/w: /spec/open/known must be string']);
  });

  test('a bare nested `type: object` accepts only {}', () => {
    expect(s.errors(widget({ empty: {} }))).toEqual([]);
    expect(s.errors(widget({ empty: { x: 1 } }))).toEqual(['Widget/w: /spec/empty must NOT have additional property "x"']);
  });
});

describe('expectConformant', () => {
  const s = () => schemas('strimzi', '1.2.0');
  const core = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { anything: 'goes' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { whatever: true } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } },
  ];

  test('passes for conforming objects and skips core Kubernetes kinds', () => {
    expectConformant(s(), [...core, topic('kafka.strimzi.io/v1', { partitions: 1 })]);
  });

  test('fails listing every error of every object, including unserved non-core kinds', () => {
    const objects = [
      ...core,
      topic('kafka.strimzi.io/v1', { partitions: 0 }),
      topic('kafka.strimzi.io/v1beta2', { partitions: 1 }),
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'so' }, spec: {} },
    ];
    let message = '';
    try {
      expectConformant(s(), objects);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('KafkaTopic/orders: /spec/partitions must be >= 1');
    expect(message).toContain('KafkaTopic/orders: no CRD serves kafka.strimzi.io/v1beta2 KafkaTopic');
    expect(message).toContain('ScaledObject/so: no CRD serves keda.sh/v1alpha1 ScaledObject');
    expect(message).not.toContain('ConfigMap');
  });
});

test('every served schema of every fixture CRD compiles (all Strimzi and KEDA versions)', () => {
  const files = [...STRIMZI_VERSIONS.flatMap(strimziCrdFiles), ...KEDA_VERSIONS.flatMap(kedaCrdFiles)];
  let compiled = 0;
  for (const file of files) {
    const crds = (jsYaml.loadAll(fs.readFileSync(file, 'utf-8')) as any[]).filter(d => d?.kind === 'CustomResourceDefinition');
    expect(crds.length).toBeGreaterThan(0);
    const s = CrdSchemas.fromCrds(crds);
    for (const crd of crds) {
      for (const version of crd.spec.versions.filter((v: any) => v.served)) {
        // errors() compiles the schema; a skeleton object only lacks spec (all these CRDs require it or not).
        const apiVersion = `${crd.spec.group}/${version.name}`;
        const errors = s.errors({ apiVersion, kind: crd.spec.names.kind, metadata: { name: 'x' } });
        expect(errors.filter(e => e !== `${crd.spec.names.kind}/x: / must have required property 'spec'`)).toEqual([]);
        compiled++;
      }
    }
  }
  expect(STRIMZI_VERSIONS).toHaveLength(7);
  expect(KEDA_VERSIONS).toHaveLength(5);
  expect(compiled).toBe(141);
});
