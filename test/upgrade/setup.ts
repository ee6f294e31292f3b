import * as fs from 'fs';
import * as path from 'path';
import { App, Size, Testing } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import {
  KafkaAuthorization, KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaPlatform, KafkaStorage, KafkaUserAuthentication,
  AclOperation, AclResource, StrimziUpgrade, StrimziUpgradeProps,
} from '../../src';
import { strimziRelease } from '../fixtures';

/** A small platform: a 3x3 cluster, a topic, a user with an ACL, a Connect cluster with a sink. */
export function declareSmall(platform: KafkaPlatform, kafkaVersion?: string): void {
  const kafka = platform.addKafka('events', {
    kafkaVersion,
    nodePools: [
      { name: 'controllers', roles: [KafkaNodeRole.CONTROLLER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10) }) },
      { name: 'brokers', roles: [KafkaNodeRole.BROKER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(100) }) },
    ],
    listeners: [{ name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() }],
    authorization: KafkaAuthorization.simple(),
  });
  const orders = kafka.addTopic('orders', { partitions: 6 });
  kafka.addUser('app', { authentication: KafkaUserAuthentication.tls(), acls: [{ resource: AclResource.topic('orders'), operations: [AclOperation.READ] }] });
  kafka.addConnect('sinks', { replicas: 2 }).addConnector('archive', { className: 'io.example.Sink', topics: [orders] });
}

/** An upgrade through the fixture releases `versions` (oldest first) in a fresh app. */
export function upgradeThrough(versions: string[], props: Partial<StrimziUpgradeProps> = {}, app: App = Testing.app()): StrimziUpgrade {
  const releases = versions.map(v => strimziRelease(v));
  return new StrimziUpgrade(app, 'events', {
    namespace: 'kafka',
    from: releases[0],
    via: releases.slice(1, -1),
    to: releases[releases.length - 1],
    declaration: { declare: p => declareSmall(p) },
    ...props,
  });
}

/** Synthesizes the app and reads every phase: folder -> file -> objects. */
export function synthPhases(upgrade: StrimziUpgrade): Map<string, Map<string, any[]>> {
  const app = App.of(upgrade);
  app.synth();
  const phases = new Map<string, Map<string, any[]>>();
  for (const phase of upgrade.phases) {
    const dir = path.join(app.outdir, phase.folder);
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).sort();
    phases.set(phase.folder, new Map(files.map(f => [f, (jsYaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf-8')) as any[]).filter(o => o)])));
  }
  return phases;
}

/** All objects of a phase, in file order. */
export function objectsOf(phase: Map<string, any[]>): any[] {
  return [...phase.values()].flat();
}
