import * as fs from 'fs';
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import { KafkaNodeRole, KafkaPlatform, KafkaStorage, KedaRelease } from '../../src';
import { STRIMZI_VERSIONS, strimziInstallDir, strimziRelease } from '../fixtures';
import { connectPods, connectStatusSelector, getScale, hpaConditions, kafkaPods } from '../scale-simulation';
import { THREE_BY_THREE } from '../strimzi/setup';

// strimzi#10450: KEDA's HPA cannot scale a KafkaConnector, because its CRD's scale subresource has no
// labelSelectorPath. With the patched CRD the connector reports a selector of its own that matches
// no pod, so its HPA works and never competes with the HPA of the Connect workers.
describe.each(STRIMZI_VERSIONS)('Strimzi %s', (version) => {
  const platform = new KafkaPlatform(Testing.app(), 'p', { namespace: 'kafka', strimzi: strimziRelease(version), keda: KedaRelease.of('2.20.2') });
  const kafka = platform.addKafka('events', {
    ...THREE_BY_THREE,
    nodePools: [...THREE_BY_THREE.nodePools!, { name: 'dual', roles: [KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER], replicas: 1, storage: KafkaStorage.ephemeral({ sizeLimit: Size.gibibytes(1) }) }],
    cruiseControl: {},
  });
  const orders = kafka.addTopic('orders', { partitions: 12 });
  const connect = kafka.addConnect('sinks', { replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 3 } });
  connect.addConnector('archive', { className: 'io.example.Sink', topics: [orders], autoscaling: { maxTasks: 6 } });
  connect.addConnector('index', { className: 'io.example.Sink', topics: [orders], autoscaling: { maxTasks: 6 } });

  const crds = Testing.synth(platform.crdStage);
  const resources = Testing.synth(platform.kafkaStage!);
  const crdOf = (kind: string, from: any[] = crds) => from.find(c => c.kind === 'CustomResourceDefinition' && c.spec.names.kind === kind);
  const dir = strimziInstallDir(version);
  const upstream = fs.readdirSync(dir).filter(f => f.includes('-Crd-')).flatMap(f => jsYaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf-8')) as any[]);
  const connectors = resources.filter(o => o.kind === 'KafkaConnector');
  // The KafkaConnect as the operator reports it: its status names the worker pods.
  const liveConnect = { ...resources.find(o => o.kind === 'KafkaConnect'), status: { replicas: 2, labelSelector: connectStatusSelector('sinks') } };
  const pods = [
    ...kafkaPods('events', [
      { name: 'controllers', replicas: 3, broker: false, controller: true },
      { name: 'brokers', replicas: 3, broker: true, controller: false },
      { name: 'dual', replicas: 1, broker: true, controller: true },
    ]),
    ...connectPods('sinks', 2),
  ];

  test('an autoscaled connector reports tasksMax and a selector of its own through the patched CRD', () => {
    expect(connectors.map(c => getScale(crdOf('KafkaConnector'), c))).toEqual([
      { specReplicas: 1, statusReplicas: 0, selector: 'cdk8s-strimzi-keda/connector=kafka.archive' },
      { specReplicas: 1, statusReplicas: 0, selector: 'cdk8s-strimzi-keda/connector=kafka.index' },
    ]);
  });

  test('its HPA works and matches none of the pods Strimzi creates, so it never competes with the workers\' HPA', () => {
    const targets = [
      { name: 'sinks-workers', scale: getScale(crdOf('KafkaConnect'), liveConnect) },
      ...connectors.map(c => ({ name: `${c.metadata.name}-tasks`, scale: getScale(crdOf('KafkaConnector'), c) })),
    ];
    expect(Object.fromEntries(hpaConditions(targets, pods))).toEqual({ 'sinks-workers': 'ok', 'archive-tasks': 'ok', 'index-tasks': 'ok' });
  });

  test('with the unpatched upstream CRD the HPA stops with InvalidSelector, the reported bug', () => {
    const scale = getScale(crdOf('KafkaConnector', upstream), { ...connectors[0], spec: { ...connectors[0].spec, scaleSelector: undefined } });
    expect(scale.selector).toBe('');
    expect(hpaConditions([{ name: 'archive-tasks', scale }], pods).get('archive-tasks')).toBe('InvalidSelector');
  });

  test('a connector selector that matched the worker pods would make both HPAs AmbiguousSelector', () => {
    const overlapping = { specReplicas: 1, statusReplicas: 0, selector: 'strimzi.io/cluster=sinks' };
    const conditions = hpaConditions([{ name: 'sinks-workers', scale: getScale(crdOf('KafkaConnect'), liveConnect) }, { name: 'archive-tasks', scale: overlapping }], pods);
    expect([...conditions.values()]).toEqual(['AmbiguousSelector', 'AmbiguousSelector']);
  });

  test('without tasksMax GET /scale fails, which is why an autoscaled connector always sets it', () => {
    expect(() => getScale(crdOf('KafkaConnector'), { ...connectors[0], spec: { ...connectors[0].spec, tasksMax: undefined } }))
      .toThrow('KafkaConnector/archive: .spec.tasksMax has no value, so GET /scale fails');
  });
});
