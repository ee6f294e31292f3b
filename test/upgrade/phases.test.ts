import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import { KafkaPlatform, KedaRelease, StrimziUpgrade } from '../../src';
import { CrdSchemas, expectConformant } from '../conformance/crd-schema';
import { declareEveryFeature } from '../conformance/strimzi-declaration';
import { KEDA_DIR, STRIMZI_VERSIONS, strimziRelease } from '../fixtures';
import { objectsOf, synthPhases } from './setup';

// Every fixture release in one path, with every feature the library models: the properties a plan
// must have in every phase.
const keda = KedaRelease.of('2.20.2');
function longUpgrade(app: App = Testing.app()): StrimziUpgrade {
  const releases = STRIMZI_VERSIONS.map(v => strimziRelease(v));
  return new StrimziUpgrade(app, 'full', {
    namespace: 'kafka',
    watchNamespaces: ['kafka', 'apps'],
    keda,
    from: releases[0],
    via: releases.slice(1, -1),
    to: releases[releases.length - 1],
    declaration: { declare: declareEveryFeature },
  });
}

const upgrade = longUpgrade();
const phases = synthPhases(upgrade);
const folders = [...phases.keys()];
const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const kafkaOf = (phase: Map<string, any[]>) => objectsOf(phase).find(o => o.kind === 'Kafka');

test('the path passes every fixture release, converting to v1 on 0.51.0 right before the CRDs of 1.0.0', () => {
  expect(folders).toEqual([
    '00-current-0.41.0', '01-crds-0.43.0', '02-operator-0.43.0', '03-kafka-3.8.0', '04-metadata-3.8',
    '05-crds-0.45.0', '06-operator-0.45.0', '07-kafka-3.9.0', '08-metadata-3.9',
    '09-crds-0.49.1', '10-operator-0.49.1', '11-resources-0.49.1', '12-metadata-4.1',
    '13-crds-0.51.0', '14-operator-0.51.0', '15-crd-upgrade-0.51.0',
    '16-crds-1.0.0', '17-operator-1.0.0', '18-kafka-4.2.0', '19-metadata-4.2',
    '20-crds-1.2.0', '21-operator-1.2.0', '22-kafka-4.3.1', '23-metadata-4.3-IV0',
  ]);
  const job = objectsOf(phases.get('15-crd-upgrade-0.51.0')!).find(o => o.kind === 'Job');
  expect(job.spec.template.spec.containers[0]).toEqual({
    name: 'strimzi-v1-api-conversion', image: 'quay.io/strimzi/operator:0.51.0', command: ['/opt/v1-api-conversion/bin/v1-api-conversion.sh', 'crd-upgrade'],
  });
  expect(objectsOf(phases.get('16-crds-1.0.0')!).some(o => o.kind === 'Job')).toBe(false);
});

test('no object comes before its CRD: every custom resource of a phase is served by the CRDs in its first file', () => {
  for (const [folder, phase] of phases) {
    const [first, ...rest] = [...phase.values()];
    const crds = CrdSchemas.fromCrds(first.filter(o => o.kind === 'CustomResourceDefinition'));
    const strimzi = rest.flat().filter(o => o.apiVersion.includes('strimzi.io'));
    expect({ folder, unserved: strimzi.filter(o => !crds.serves(o.apiVersion, o.kind)).map(key) }).toEqual({ folder, unserved: [] });
  }
});

test('the operator of a release comes only after the CRDs of that release, in an earlier phase', () => {
  for (const version of STRIMZI_VERSIONS.slice(1)) {
    const crds = upgrade.phases.findIndex(p => p.crdsRelease === version);
    const operator = upgrade.phases.findIndex(p => p.operatorRelease === version);
    expect(crds).toBeGreaterThan(0);
    expect(operator).toBeGreaterThan(crds);
  }
});

test('Kafka version and metadata version never change in the same phase, and the version moves first', () => {
  for (let i = 1; i < folders.length; i++) {
    const [before, after] = [kafkaOf(phases.get(folders[i - 1])!).spec.kafka, kafkaOf(phases.get(folders[i])!).spec.kafka];
    const changed = [before.version !== after.version, before.metadataVersion !== after.metadataVersion];
    expect({ phase: folders[i], both: changed[0] && changed[1] }).toEqual({ phase: folders[i], both: false });
    if (changed[1]) {
      // The metadata version catches up with a Kafka version that moved in an earlier phase.
      expect(after.version.startsWith(`${after.metadataVersion.split('-')[0]}.`)).toBe(true);
    }
  }
});

test('each object appears once in a phase: nothing changes twice within one', () => {
  for (const [folder, phase] of phases) {
    const keys = objectsOf(phase).map(key);
    expect({ folder, twice: keys.filter((k, i) => keys.indexOf(k) !== i) }).toEqual({ folder, twice: [] });
  }
});

test('every object validates against the CRDs of its phase (upstream, KafkaConnector patched) and KEDA\'s upstream CRDs', () => {
  const kedaDir = path.join(KEDA_DIR, '2.20.2', 'crds');
  const kedaSchemas = CrdSchemas.fromFiles(fs.readdirSync(kedaDir).map(f => path.join(kedaDir, f)));
  for (const phase of phases.values()) {
    const objects = objectsOf(phase);
    const strimzi = CrdSchemas.fromCrds(objects.filter(o => o.kind === 'CustomResourceDefinition'));
    expectConformant(strimzi, objects.filter(o => !o.apiVersion.startsWith('keda.sh/')));
    expectConformant(kedaSchemas, objects.filter(o => o.apiVersion.startsWith('keda.sh/')));
  }
});

test('the resources switch to v1 on the first release that serves it, after its operator runs', () => {
  const apiVersions = folders.map(f => `${f} ${kafkaOf(phases.get(f)!).apiVersion}`);
  expect(apiVersions.filter(a => a.endsWith('v1beta2')).pop()).toBe('10-operator-0.49.1 kafka.strimzi.io/v1beta2');
  expect(apiVersions.find(a => a.endsWith('/v1'))).toBe('11-resources-0.49.1 kafka.strimzi.io/v1');
});

test('the KafkaMirrorMaker CRD that 0.46 removed stays installed in every later phase', () => {
  for (const phase of phases.values()) {
    expect(objectsOf(phase).filter(o => o.metadata.name === 'kafkamirrormakers.kafka.strimzi.io')).toHaveLength(1);
  }
});

test('the last phase is what installing the target release writes, plus the kept CRD', () => {
  const app = Testing.app();
  declareEveryFeature(new KafkaPlatform(app, 'full', { namespace: 'kafka', watchNamespaces: ['kafka', 'apps'], keda, strimzi: strimziRelease('1.2.0') }));
  app.synth();
  const last = phases.get(folders[folders.length - 1])!;
  for (const file of fs.readdirSync(app.outdir).sort()) {
    const installed = (jsYaml.loadAll(fs.readFileSync(path.join(app.outdir, file), 'utf-8')) as any[]).filter(o => o);
    expect(last.get(file)!.filter(o => o.metadata.name !== 'kafkamirrormakers.kafka.strimzi.io')).toEqual(installed);
  }
});

test('the same declaration writes byte-identical phases', () => {
  const read = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort()
    .filter(f => fs.statSync(path.join(dir, f)).isFile()).map(f => `${f}\n${fs.readFileSync(path.join(dir, f), 'utf-8')}`);
  const again = longUpgrade();
  App.of(again).synth();
  expect(read(App.of(again).outdir)).toEqual(read(App.of(upgrade).outdir));
});

test('UPGRADE.md is written next to the phases and is the plan\'s Markdown', () => {
  const markdown = fs.readFileSync(path.join(App.of(upgrade).outdir, 'UPGRADE.md'), 'utf-8');
  expect(markdown).toBe(upgrade.toMarkdown());
  expect(markdown).toContain('Strimzi 0.41.0 → 0.43.0 → 0.45.0 → 0.49.1 → 0.51.0 → 1.0.0 → 1.2.0');
  for (const phase of upgrade.phases) {
    expect(markdown).toContain(`## ${phase.folder}\n\n**${phase.title}.**`);
  }
  expect(markdown).toContain('`kafkamirrormakers.kafka.strimzi.io`');
});
