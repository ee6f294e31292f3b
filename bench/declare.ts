import * as path from 'path';
import { ApiObject, App, Chart, Size } from 'cdk8s';
import { findUpstream } from '../fixtures/upstream';
import {
  KafkaAuthorization, KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaPlatform, KafkaStorage,
  KedaRelease, StrimziRelease,
} from '../src';

// The unmodified upstream release files (the same ones the examples and tests use).
export const UPSTREAM = findUpstream();

/** The two releases, read once per process: reading them is reported apart from the per-size work. */
export interface Releases {
  readonly strimzi: StrimziRelease;
  readonly keda: KedaRelease;
}

export function readReleases(): Releases {
  return {
    strimzi: StrimziRelease.fromDirectory(path.join(UPSTREAM, 'strimzi', '1.2.0', 'install')),
    // With the CRD folder the KEDA CRDs are emitted too, as a real platform would.
    keda: KedaRelease.of('2.20.2', { crdsDirectory: path.join(UPSTREAM, 'keda', '2.20.2', 'crds') }),
  };
}

// Every topic has this many partitions, so `maxTasks` (and the Connect workers' maxReplicas) may be as
// large as this without allowIdleConsumers.
const PARTITIONS = 6;

/**
 * One platform with `n` topics, `n` sink connectors (one per topic) on one autoscaled Connect cluster,
 * and task autoscaling on every connector, the workload issue 12 sets its targets for: n KafkaTopics,
 * n KafkaConnectors, n + 1 ScaledObjects (the Connect workers' one has a lag trigger per connector up
 * to 100 connectors, then one on their summed lag) and the generated users.
 */
export function declarePlatform(releases: Releases, n: number, outdir: string = 'bench-unused'): App {
  const app = new App({ outdir });
  const platform = new KafkaPlatform(app, 'bench', { namespace: 'kafka', strimzi: releases.strimzi, keda: releases.keda });
  const kafka = platform.addKafka('events', {
    nodePools: [
      { name: 'controllers', roles: [KafkaNodeRole.CONTROLLER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10) }) },
      { name: 'brokers', roles: [KafkaNodeRole.BROKER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(100) }) },
    ],
    listeners: [
      { name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() },
    ],
    authorization: KafkaAuthorization.simple(),
  });
  const connect = kafka.addConnect('sinks', {
    replicas: 2,
    // Beyond 100 sink connectors the workers scale on the summed lag in Prometheus.
    autoscaling: { minReplicas: 1, maxReplicas: PARTITIONS, lagThreshold: 1000, prometheusServerAddress: 'http://prometheus.monitoring.svc:9090' },
  });
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(5, '0');
    const topic = kafka.addTopic(`topic-${id}`, { partitions: PARTITIONS, replicas: 3 });
    connect.addConnector(`sink-${id}`, {
      className: 'io.example.connect.s3.S3SinkConnector',
      topics: [topic],
      config: { 's3.bucket.name': `archive-${id}`, 'flush.size': 1000 },
      autoscaling: { maxTasks: PARTITIONS, lagThreshold: 500 },
    });
  }
  // Three generated objects follow the connectors up to 100 of them and then stop growing: the
  // workers' ScaledObject (a lag trigger per sink connector, then one prometheus trigger), the Connect
  // user and the KEDA scaler user (literal ACLs per topic and group, then at most 100 prefix ACLs each).
  return app;
}

/** The objects one chart writes, in its file's order. */
export interface ChartObjects {
  readonly id: string;
  readonly objects: any[];
}

/** What the charts of an app write, in cdk8s's chart order: the library's output as plain data. */
export function renderCharts(app: App): ChartObjects[] {
  return app.charts.map(chart => ({ id: chart.node.id, objects: chart.toJson() }));
}

/**
 * The baseline: the same objects as raw ApiObjects, one chart per file with the same names. The
 * second chart depends on the first, as the platform's operator stage does on its CRD stage (its
 * objects times the CRDs: a fixed cost), so that cdk8s numbers the files the same way.
 */
export function declareRaw(charts: ChartObjects[], outdir: string = 'bench-unused'): App {
  const app = new App({ outdir });
  const created = charts.map(({ id, objects }) => {
    const chart = new Chart(app, id);
    objects.forEach((obj, i) => new ApiObject(chart, `o${i}`, obj));
    return chart;
  });
  created[1]?.addDependency(created[0]);
  return app;
}
