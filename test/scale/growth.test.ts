import { Testing } from 'cdk8s';
import { Kafka, KafkaPlatform, ScaleTarget } from '../../src';
import { autoscaling, kedaKafka, one, resources } from '../autoscaling/setup';

// No generated object grows with the number of connectors or topics: beyond 100 names of a type the
// KafkaUsers list prefix ACLs (acl-cover.ts), and beyond 100 sink connectors the workers scale on one
// prometheus trigger over the summed lag (connect-autoscaling.ts). Before, 5,000 sink connectors made
// a 1.49 MiB ScaledObject and two KafkaUsers of about 1 MiB each (issue 11).

const PROMETHEUS = 'http://prometheus.monitoring.svc:9090';

function bytes(o: unknown): number {
  return Buffer.byteLength(JSON.stringify(o));
}

function sinkPlatform(connectors: number): Kafka {
  const k = kedaKafka();
  const connect = k.addConnect('sinks', { replicas: 1, autoscaling: { maxReplicas: 3, prometheusServerAddress: PROMETHEUS } });
  // The scaler user's grants come from connector task autoscaling too: every tenth connector.
  for (let i = 0; i < connectors; i++) {
    const id = `to-s3-${String(i).padStart(5, '0')}`;
    connect.addConnector(id, {
      className: 'io.example.S3Sink',
      topics: [`orders-${String(i).padStart(5, '0')}`],
      tasksMax: 1,
      ...(i % 10 === 0 ? { autoscaling: { maxTasks: 1 } } : {}),
    });
  }
  return k;
}

describe('object sizes and trigger counts do not grow with the platform', () => {
  const measured: { [n: number]: { scaledObject: number; triggers: number; connectUser: number; scalerUser: number; largest: number } } = {};

  test.each([100, 1_000, 10_000])('%i sink connectors', (n) => {
    const k = sinkPlatform(n);
    const platform = KafkaPlatform.of(k);
    const kafkaObjects = resources(platform);
    const scaling = autoscaling(platform);
    const so = one(scaling, 'ScaledObject', 'sinks-workers');
    const users = kafkaObjects.filter(o => o.kind === 'KafkaUser');
    const connectUser = one(users, 'KafkaUser', 'sinks-connect');
    const scalerUser = users.find(u => u.metadata.name.includes('-keda-'));
    measured[n] = {
      scaledObject: bytes(so),
      triggers: so.spec.triggers.length,
      connectUser: bytes(connectUser),
      scalerUser: bytes(scalerUser),
      largest: Math.max(...kafkaObjects.concat(scaling).map(bytes)),
    };
    if (n <= 100) {
      // Up to the limit: one kafka trigger per connector, literal ACLs, no exporter.
      expect(so.spec.triggers.map((t: any) => t.type)).toEqual(Array(n).fill('kafka'));
      expect(connectUser.spec.authorization.acls.every((a: any) => a.resource.patternType === 'literal')).toBe(true);
      expect(one(kafkaObjects, 'Kafka').spec.kafkaExporter).toBeUndefined();
    } else {
      expect(so.spec.triggers).toEqual([{
        type: 'prometheus',
        name: 'lag-sum',
        metadata: { serverAddress: PROMETHEUS, query: expect.stringMatching(/^sum\(kafka_consumergroup_lag\{namespace="kafka",strimzi_io_cluster="events",consumergroup=~"connect-to-s3-.*"\}\)$/), threshold: '10' },
      }]);
      expect(one(kafkaObjects, 'Kafka').spec.kafkaExporter).toEqual({});
      const prefixes = connectUser.spec.authorization.acls.filter((a: any) => a.resource.patternType === 'prefix');
      expect(prefixes.length).toBeGreaterThan(0);
    }
    // Bounds independent of n.
    expect(measured[n].triggers).toBeLessThanOrEqual(100);
    expect(measured[n].scaledObject).toBeLessThan(64 * 1024);
    expect(measured[n].connectUser).toBeLessThan(48 * 1024);
    expect(measured[n].scalerUser).toBeLessThan(48 * 1024);
    expect(measured[n].largest).toBeLessThan(64 * 1024);
  });

  afterAll(() => {
    // The sizes, for the record (bytes as compact JSON).
    // eslint-disable-next-line no-console
    console.log(JSON.stringify(measured));
  });

  test('the summed lag query names each group literally, escaped for PromQL, while a group shares no prefix', () => {
    const k = kedaKafka();
    const connect = k.addConnect('sinks', { replicas: 1, autoscaling: { maxReplicas: 3, prometheusServerAddress: PROMETHEUS } });
    for (let i = 0; i < 101; i++) {
      connect.addConnector(`c${i}`, { className: 'a.B', topics: [`t${i}`], tasksMax: 1, ...(i === 0 ? { config: { 'consumer.override.group.id': 'my.group' } } : {}) });
    }
    const query: string = one(autoscaling(KafkaPlatform.of(k)), 'ScaledObject').spec.triggers[0].metadata.query;
    expect(query).toContain('|my\\\\.group"})');
  });

  test('more sink connectors than the limit without a Prometheus server is an error that says what to do', () => {
    const k = kedaKafka();
    const connect = k.addConnect('sinks', { replicas: 1, autoscaling: { maxReplicas: 3 } });
    for (let i = 0; i < 101; i++) {
      connect.addConnector(`c${i}`, { className: 'a.B', topics: [`t${i}`], tasksMax: 1 });
    }
    expect(() => Testing.synth(KafkaPlatform.of(k).autoscalingStage!)).toThrow(
      '[p-autoscaling/kafka-sinks-workers] autoscaling: "KafkaConnect sinks" scales workers on the lag of 101 sink connectors, more than the 100 that get '
      + 'one kafka trigger each: the ScaledObject, and what KEDA polls and the HPA evaluates per cycle, would grow with them. Set '
      + 'autoscaling.prometheusServerAddress to a Prometheus that scrapes the Kafka Exporter: the workers then scale on one query over the summed lag '
      + '(the library enables the Kafka Exporter), or spread the connectors over several Connect clusters');
  });

  test('on the summed lag, maxReplicas is bounded by the tasks, not by the partitions of the largest connector', () => {
    const platformWith = (connectors: number, maxReplicas: number) => {
      const k = kedaKafka();
      const connect = k.addConnect('sinks', { replicas: 1, autoscaling: { maxReplicas, prometheusServerAddress: PROMETHEUS } });
      for (let i = 0; i < connectors; i++) {
        const topic = k.addTopic(`t${i}`, { partitions: 2 });
        connect.addConnector(`c${i}`, { className: 'a.B', topics: [topic], tasksMax: 2 });
      }
      return KafkaPlatform.of(k);
    };
    // One kafka trigger per connector: KEDA caps each at its 2 partitions.
    expect(() => autoscaling(platformWith(100, 8))).toThrow(
      'autoscaling.maxReplicas: 8 exceeds the 2 partition(s) of the largest sink connector\'s topics of KafkaConnect sinks');
    // One prometheus trigger on the summed lag of 101 connectors: 8 workers can run their 202 tasks.
    expect(one(autoscaling(platformWith(101, 8)), 'ScaledObject', 'sinks-workers').spec.maxReplicaCount).toBe(8);
    expect(() => autoscaling(platformWith(101, 203))).toThrow('autoscaling.maxReplicas: 203 exceeds the 202 task(s) that the 101 connector(s) of KafkaConnect sinks can run');
  });

  test('on the summed lag, the KEDA user reads only the groups of the triggers emitted: those of the connectors\' task autoscaling', () => {
    const scalerAcls = (connectors: number) => {
      const kafkaObjects = resources(KafkaPlatform.of(sinkPlatform(connectors)));
      const scalerUser = kafkaObjects.find(o => o.kind === 'KafkaUser' && o.metadata.name.includes('-keda-'));
      return scalerUser.spec.authorization.acls.map((a: any) => `${a.resource.type}/${a.resource.name}/${a.resource.patternType}`);
    };
    // 100 connectors: the workers have a kafka trigger on each group, and read all of them.
    const literal = (i: number) => [`group/connect-to-s3-${String(i).padStart(5, '0')}/literal`, `topic/orders-${String(i).padStart(5, '0')}/literal`];
    expect(scalerAcls(100)).toEqual(Array.from({ length: 100 }, (_, i) => literal(i)).flat());
    // 150: the workers' one prometheus trigger needs no Kafka access; every tenth connector scales its tasks.
    expect(scalerAcls(150)).toEqual(Array.from({ length: 15 }, (_, i) => literal(10 * i)).flat());
  });

  test('a Prometheus server address that is not a URL is an error', () => {
    const k = kedaKafka();
    expect(() => k.addConnect('sinks', { replicas: 1, autoscaling: { maxReplicas: 3, prometheusServerAddress: 'prometheus:9090' } })).toThrow(
      '[p-kafka/events/sinks] autoscaling.prometheusServerAddress: "prometheus:9090" is not an http:// or https:// URL. For example http://prometheus.monitoring.svc:9090');
  });

  test('consumer autoscaling: up to 100 topics get a trigger each; 10,000 topics are refused with the one-trigger alternative', () => {
    const scaled = (topics: number) => {
      const k = kedaKafka();
      const platform = KafkaPlatform.of(k);
      platform.addConsumerAutoscaling('app', {
        target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: 'kafka' }),
        kafka: k,
        consumerGroup: 'app',
        maxReplicas: 3,
        topics: topics === 0 ? undefined : Array.from({ length: topics }, (_, i) => `orders-${i}`),
      });
      return one(autoscaling(platform), 'ScaledObject').spec.triggers.length;
    };
    expect(scaled(100)).toBe(100);
    expect(scaled(0)).toBe(1);
    expect(() => scaled(10_000)).toThrow(/\] topics: "10000 topics" are more than the 100 that get one kafka trigger each: .*\. Leave topics unset: one trigger then reads the lag of every topic the group has offsets for/);
  });
});
