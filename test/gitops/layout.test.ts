import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import { GitOps, KafkaPlatform, KedaRelease, StrimziUpgrade } from '../../src';
import { strimziRelease } from '../fixtures';
import { declareSmall } from '../upgrade/setup';

// The objects of a platform with autoscaled Connect workers and connector tasks.
function autoscaledPlatform(app: App, gitOps: GitOps): KafkaPlatform {
  const platform = new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease(), keda: KedaRelease.of('2.20.2'), gitOps });
  declareSmall(platform);
  const kafka = platform.kafkaStage!.node.findChild('events') as any;
  const topic = kafka.findTopic('orders');
  const connect = kafka.addConnect('scaled', { replicas: 1, autoscaling: { maxReplicas: 3 } });
  connect.addConnector('scaled-sink', { className: 'io.example.Sink', topics: [topic], autoscaling: { maxTasks: 4 } });
  return platform;
}

function files(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).filter(f => fs.statSync(path.join(dir, f)).isFile()).sort();
}

function load(file: string): any[] {
  return (jsYaml.loadAll(fs.readFileSync(file, 'utf-8')) as any[]).filter(o => o);
}

function kustomize(dir: string): any[] {
  return (jsYaml.loadAll(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 })) as any[]).filter(o => o);
}

const STAGES = ['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-kafka.k8s.yaml', '0003-events-autoscaling.k8s.yaml'];

describe('plain files (the default)', () => {
  test('only the numbered stage files, no GitOps annotations', () => {
    const app = Testing.app();
    autoscaledPlatform(app, GitOps.plain());
    app.synth();
    expect(files(app.outdir)).toEqual(STAGES);
    expect(STAGES.flatMap(f => load(path.join(app.outdir, f))).some(o => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBe(false);
  });
});

describe('Argo CD', () => {
  const app = Testing.app();
  autoscaledPlatform(app, GitOps.argoCd({ repoUrl: 'https://git.example.com/platform.git', path: 'clusters/prod/kafka' }));
  app.synth();

  test('every object carries the sync wave of its stage, CRDs first', () => {
    STAGES.forEach((file, wave) => {
      for (const o of load(path.join(app.outdir, file))) {
        expect(`${o.kind}/${o.metadata.name} ${o.metadata.annotations['argocd.argoproj.io/sync-wave']}`).toBe(`${o.kind}/${o.metadata.name} ${wave}`);
      }
    });
  });

  test('CRDs are applied server-side and never pruned; KEDA objects skip the dry run when KEDA\'s CRDs are not in the sync', () => {
    const crds = load(path.join(app.outdir, STAGES[0]));
    expect(new Set(crds.map(c => c.metadata.annotations['argocd.argoproj.io/sync-options']))).toEqual(new Set(['ServerSideApply=true,Prune=false']));
    const keda = load(path.join(app.outdir, STAGES[3])).filter(o => o.apiVersion.startsWith('keda.sh/'));
    expect(keda.length).toBeGreaterThan(0);
    expect(keda.every(o => o.metadata.annotations['argocd.argoproj.io/sync-options'] === 'SkipDryRunOnMissingResource=true')).toBe(true);
    const kafka = load(path.join(app.outdir, STAGES[2]));
    expect(kafka.some(o => o.metadata.annotations['argocd.argoproj.io/sync-options'])).toBe(false);
  });

  // argo-cd docs/user-guide/diffing.md and sync-options.md: RespectIgnoreDifferences is an
  // Application-level option; `group` must be set for a custom resource.
  test('an Application syncs the folder, with ignoreDifferences for the fields the autoscaler owns', () => {
    expect(files(app.outdir)).toEqual([...STAGES, 'argocd/events-application.yaml']);
    const [application] = load(path.join(app.outdir, 'argocd', 'events-application.yaml'));
    expect(application.spec.source).toEqual({ repoURL: 'https://git.example.com/platform.git', targetRevision: 'HEAD', path: 'clusters/prod/kafka', directory: { recurse: false } });
    expect(application.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true', 'RespectIgnoreDifferences=true']);
    expect(application.spec.ignoreDifferences).toEqual([
      { group: 'kafka.strimzi.io', kind: 'KafkaConnect', name: 'scaled', namespace: 'kafka', jsonPointers: ['/spec/replicas'] },
      { group: 'kafka.strimzi.io', kind: 'KafkaConnector', name: 'scaled-sink', namespace: 'kafka', jsonPointers: ['/spec/tasksMax'] },
    ]);
  });
});

describe('Flux', () => {
  const app = Testing.app();
  autoscaledPlatform(app, GitOps.flux({ sourceRef: { name: 'platform' }, path: 'clusters/prod/kafka' }));
  app.synth();
  const folders = STAGES.map(f => f.replace('.k8s.yaml', ''));

  test('one folder per stage with a kustomization.yaml, a root kustomization.yaml, and the Flux Kustomizations in flux/', () => {
    expect(files(app.outdir)).toEqual([
      ...folders.flatMap(d => [`${d}/${d}.k8s.yaml`, `${d}/kustomization.yaml`]),
      'flux/kustomization.yaml', 'flux/kustomizations.yaml', 'kustomization.yaml',
    ]);
  });

  test('kubectl kustomize builds every folder, and the root builds the same objects as the plain files', () => {
    const plain = Testing.app();
    autoscaledPlatform(plain, GitOps.plain());
    plain.synth();
    const expected = STAGES.flatMap(f => load(path.join(plain.outdir, f)));
    const key = (o: any) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(kustomize(app.outdir).map(key).sort()).toEqual(expected.map(key).sort());
    folders.forEach((folder, i) => expect(kustomize(path.join(app.outdir, folder)).length).toBe(load(path.join(plain.outdir, STAGES[i])).length));
    expect(kustomize(path.join(app.outdir, 'flux')).map(o => o.metadata.name).sort()).toEqual(['events-autoscaling', 'events-crds', 'events-kafka', 'events-operator']);
  });

  // kustomize-controller docs/spec/v1/kustomizations.md: dependsOn, wait, healthCheckExprs, ignore (v1.9.0).
  test('each Kustomization waits for the one before; CRDs are never pruned; the autoscaler\'s fields are ignored', () => {
    const ks = load(path.join(app.outdir, 'flux', 'kustomizations.yaml'));
    expect(ks.map(k => [k.metadata.name, k.spec.dependsOn?.[0].name, k.spec.prune, k.spec.path])).toEqual([
      ['events-crds', undefined, false, './clusters/prod/kafka/0000-events-crds'],
      ['events-operator', 'events-crds', true, './clusters/prod/kafka/0001-events-operator'],
      ['events-kafka', 'events-operator', true, './clusters/prod/kafka/0002-events-kafka'],
      ['events-autoscaling', 'events-kafka', true, './clusters/prod/kafka/0003-events-autoscaling'],
    ]);
    expect(ks.every(k => k.spec.wait === true && k.spec.interval === '10m' && k.spec.timeout === '30m' && k.spec.sourceRef.kind === 'GitRepository')).toBe(true);
    expect(ks[2].spec.ignore).toEqual([
      { paths: ['/spec/replicas'], target: { group: 'kafka.strimzi.io', kind: 'KafkaConnect', name: '^scaled$', namespace: '^kafka$' } },
      { paths: ['/spec/tasksMax'], target: { group: 'kafka.strimzi.io', kind: 'KafkaConnector', name: '^scaled-sink$', namespace: '^kafka$' } },
    ]);
    expect(ks[2].spec.healthCheckExprs[0].apiVersion).toBe('kafka.strimzi.io/v1');
    expect(ks[3].spec.healthCheckExprs[0].kind).toBe('ScaledObject');
  });

  test('a platform whose App writes another layout is refused', () => {
    const other = new App({ outdir: Testing.app().outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    expect(() => new KafkaPlatform(other, 'events', { namespace: 'kafka', strimzi: strimziRelease(), gitOps: GitOps.flux({ sourceRef: { name: 'p' }, path: '.' }) }))
      .toThrow('[events] gitOps: "flux" needs the App to write one file per chart (YamlOutputType.FILE_PER_CHART), not FOLDER_PER_CHART_FILE_PER_RESOURCE. Create the App without yamlOutputType');
  });
});

describe('upgrade phases in GitOps layouts', () => {
  test('kubectl kustomize builds every phase folder of a Flux plan, and its Kustomizations point at that phase', () => {
    const app = Testing.app();
    const upgrade = new StrimziUpgrade(app, 'events', {
      namespace: 'kafka',
      from: strimziRelease('0.51.0'),
      to: strimziRelease('1.0.0'),
      gitOps: GitOps.flux({ sourceRef: { name: 'platform' }, path: './dist' }),
      declaration: { declare: declareSmall },
    });
    app.synth();
    for (const phase of upgrade.phases) {
      const dir = path.join(app.outdir, phase.folder);
      expect(kustomize(dir).some(o => o.kind === 'Kafka')).toBe(true);
      const crds = kustomize(path.join(dir, 'flux')).find(k => k.metadata.name === 'events-crds');
      expect(crds.spec.path).toBe(`./dist/${phase.folder}/0000-events-crds`);
    }
  });

  test('an Argo CD plan writes one Application per phase, pointing at the phase', () => {
    const app = Testing.app();
    const upgrade = new StrimziUpgrade(app, 'events', {
      namespace: 'kafka',
      from: strimziRelease('1.0.0'),
      to: strimziRelease('1.2.0'),
      gitOps: GitOps.argoCd({ repoUrl: 'https://git.example.com/p.git', path: 'dist/' }),
      declaration: { declare: declareSmall },
    });
    app.synth();
    expect(upgrade.phases.map(p => load(path.join(app.outdir, p.folder, 'argocd', 'events-application.yaml'))[0].spec.source.path))
      .toEqual(upgrade.phases.map(p => `dist/${p.folder}`));
  });
});

test('a chart of the user\'s in the App gets a folder and a Flux Kustomization of its own, in apply order', () => {
  const app = Testing.app();
  const platform = autoscaledPlatform(app, GitOps.flux({ sourceRef: { name: 'platform' }, path: '.' }));
  const extra = new Chart(app, 'extra', { namespace: 'kafka' });
  new ApiObject(extra, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } });
  extra.addDependency(platform.operatorStage);
  app.synth();
  const ks = load(path.join(app.outdir, 'flux', 'kustomizations.yaml'));
  expect(ks.map(k => k.metadata.name)).toEqual(['events-crds', 'events-operator', 'events-kafka', 'events-autoscaling', 'extra']);
  expect(kustomize(path.join(app.outdir, '0004-extra')).map(o => o.metadata.name)).toEqual(['extra']);
});
