import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { KedaCloudEventSourceRbac, KedaCrds, KedaRelease } from '../../src';
import { KEDA_FEATURES, KEDA_REGRESSIONS } from '../../src/keda/release-facts';
import { scratchDir } from '../fixtures';
import { KEDA_VERSIONS, kedaCrdsDir, newChart, thrown } from './helpers';

describe('KedaRelease.of', () => {
  test('accepts 2.14.0 and newer and keeps the version', () => {
    expect(KedaRelease.of('2.14.0').version).toBe('2.14.0');
    expect(KedaRelease.V2_20_2.version).toBe('2.20.2');
    expect([KedaRelease.V2_14_1, KedaRelease.V2_15_1, KedaRelease.V2_16_1, KedaRelease.V2_17_1, KedaRelease.V2_18_3, KedaRelease.V2_19_0]
      .map(r => r.version)).toEqual(['2.14.1', '2.15.1', '2.16.1', '2.17.1', '2.18.3', '2.19.0']);
  });

  test('refuses releases before 2.14.0 and says why', () => {
    expect(thrown(() => KedaRelease.of('2.13.1'))).toBe('KedaRelease.of("2.13.1"): KEDA 2.13.1 is not supported: this library needs '
      + 'KEDA 2.14.0 or later, because its knowledge of KEDA (admission rules, trigger parameters, known bugs) was checked from 2.14.0 on '
      + 'and older releases are outside KEDA\'s support window. Upgrade KEDA');
  });

  // Issue 11: 3.0.0 was accepted as "like 2.20.2"; a major release may change anything the library knows.
  test('refuses a major release it does not know, and keeps newer 2.x releases', () => {
    expect(thrown(() => KedaRelease.of('3.0.0'))).toBe('KedaRelease.of("3.0.0"): KEDA 3 is a major release this library does not know: '
      + 'its knowledge of KEDA (admission rules, trigger parameters, known bugs) covers KEDA 2.14.0 to 2.20.2 and newer 2.x releases, '
      + 'and a major release may change any of them. Use KEDA 2.x, or a release of this library that knows KEDA 3');
    expect(KedaRelease.of('2.99.1').version).toBe('2.99.1');
  });

  test('refuses what is not a version, with a hint for a leading v', () => {
    expect(thrown(() => KedaRelease.of('v2.20.2'))).toBe('KedaRelease.of("v2.20.2"): not a KEDA version. Use MAJOR.MINOR.PATCH: write "2.20.2", without the "v"');
    expect(thrown(() => KedaRelease.of('latest'))).toBe('KedaRelease.of("latest"): not a KEDA version. Use MAJOR.MINOR.PATCH, for example "2.20.2"');
  });

  test('describes the KEDA install, with the Helm chart defaults', () => {
    const release = KedaRelease.of('2.16.1', { operator: { watchNamespace: 'apps' } });
    expect([release.operatorNamespace, release.operatorServiceAccountName, release.watchNamespace]).toEqual(['keda', 'keda-operator', 'apps']);
    expect(KedaRelease.V2_20_2.watchNamespace).toBeUndefined();
    expect(thrown(() => KedaRelease.of('2.20.2', { operator: { namespace: 'KEDA' } }))).toMatch(/^KedaRelease.of\("2.20.2"\): operator.namespace: "KEDA" must be a valid Kubernetes name/);
  });

  test('a release newer than the newest known one is accepted and behaves like it', () => {
    const future = KedaRelease.of('2.23.0');
    for (const feature of Object.keys(KEDA_FEATURES) as Array<keyof typeof KEDA_FEATURES>) {
      expect(future._supports(feature)).toBe(true);
    }
    // keda PR #7926 is in no release yet, so the bug is assumed to persist.
    expect(future._affectedBy('eventHubConnectionStringWithName')).toBe(true);
    expect(future._affectedBy('eventHubCheckpoint')).toBe(false);
  });
});

describe('the fact table', () => {
  test.each([
    ['initialCooldownPeriod', '2.14.0', '2.14.0'],
    ['fallbackBehavior', '2.16.1', '2.17.0'],
    ['fallbackBehaviorScalingModifiers', '2.19.0', '2.20.0'],
    ['fallbackWithValueMetric', '2.17.1', '2.18.0'],
    ['kafkaEnsureEvenDistributionOfPartitions', '2.17.1', '2.18.0'],
    ['kafkaSaslNone', '2.17.1', '2.18.0'],
    // v2.14.0:pkg/scalers/kafka_scaler.go (keda PR #5692 is the v2.14.0 tag commit), not 2.15.0.
    ['kafkaSaslTokenProvider', '2.14.0', '2.14.0'],
    ['kafkaKerberosDisableFAST', '2.15.1', '2.16.0'],
    ['triggerAuthBoundServiceAccountToken', '2.16.1', '2.17.0'],
    ['triggerAuthFilePath', '2.18.3', '2.19.0'],
    ['triggerAuthOAuth2', '2.19.0', '2.20.0'],
    ['clusterCloudEventSource', '2.15.1', '2.16.0'],
  ] as const)('%s: not in %s, in %s', (feature, before, since) => {
    expect(KEDA_FEATURES[feature].since).toBe(since);
    if (before !== since) {
      expect(KedaRelease.of(before)._supports(feature)).toBe(false);
    }
    expect(KedaRelease.of(since)._supports(feature)).toBe(true);
  });

  test.each([
    // keda#6084: 2.15.0 and 2.15.1 only.
    ['eventHubCheckpoint', ['2.15.0', '2.15.1'], ['2.14.1', '2.16.0', '2.20.2']],
    // keda#6908 / PR #7926: from 2.18.0, no fix released.
    ['eventHubConnectionStringWithName', ['2.18.0', '2.19.0', '2.20.2'], ['2.17.1']],
    // kedacore/charts#716: chart 2.16.x, fixed in 2.17.0.
    ['cloudEventSourceRbac', ['2.16.0', '2.16.1'], ['2.15.1', '2.17.0']],
    // keda#6696: 2.17.0 only.
    ['fallbackOmittedMetricType', ['2.17.0'], ['2.16.1', '2.17.1']],
  ] as const)('regression %s: affects %j, not %j', (regression, affected, unaffected) => {
    expect(affected.filter(v => !KedaRelease.of(v)._affectedBy(regression))).toEqual([]);
    expect(unaffected.filter(v => KedaRelease.of(v)._affectedBy(regression))).toEqual([]);
  });

  test('every fact cites its source', () => {
    for (const fact of [...Object.values(KEDA_FEATURES), ...Object.values(KEDA_REGRESSIONS)]) {
      expect(fact.source).toMatch(/keda|charts/);
    }
  });
});

describe.each(KEDA_VERSIONS)('crdsDirectory with the KEDA %s CRDs', (version) => {
  const release = KedaRelease.of(version, { crdsDirectory: kedaCrdsDir(version) });

  test('reads every CRD of the folder', () => {
    const expected = fs.readdirSync(kedaCrdsDir(version)).map(f => f.replace(/^(.*?)_(.*)\.yaml$/, '$2.$1')).sort();
    expect(release.crdNames).toEqual(expected);
    // ClusterCloudEventSource appeared in 2.16.0.
    expect(release.crdNames.includes('clustercloudeventsources.eventing.keda.sh')).toBe(release._supports('clusterCloudEventSource'));
  });

  test('KedaCrds emits them unchanged, marked for server-side apply (the ScaledJob CRD is too large for client-side apply, keda#4740)', () => {
    const chart = newChart(null);
    new KedaCrds(chart, 'keda', { release });
    const objects = Testing.synth(chart);
    expect(objects.map(o => o.metadata.name).sort()).toEqual(release.crdNames);
    const scaledObjects = objects.find(o => o.metadata.name === 'scaledobjects.keda.sh');
    expect(scaledObjects.spec).toEqual(release._crds.find(c => c.metadata.name === 'scaledobjects.keda.sh')!.spec);
    expect(objects.every(o => o.metadata.annotations['argocd.argoproj.io/sync-options'] === 'ServerSideApply=true')).toBe(true);
  });
});

describe('crdsDirectory errors', () => {
  let tmp: string;
  beforeEach(() => { tmp = scratchDir(); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function copyOf(version: string, edit: (name: string, text: string) => string | undefined = (_n, t) => t): string {
    for (const name of fs.readdirSync(kedaCrdsDir(version))) {
      const text = edit(name, fs.readFileSync(path.join(kedaCrdsDir(version), name), 'utf-8'));
      if (text !== undefined) {
        fs.writeFileSync(path.join(tmp, name), text);
      }
    }
    return tmp;
  }

  test('the CRDs of another release are recognised by the features they show', () => {
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: kedaCrdsDir('2.16.1') }))).toBe(
      'KedaRelease.of("2.20.2"): the CRDs in crdsDirectory are not those of KEDA 2.20.2: ScaledObject fallback.behavior (static, '
      + 'currentReplicas, currentReplicasIfHigher, currentReplicasIfLower) is not in them, but it is part of KEDA 2.20.2 (added in 2.17.0). '
      + 'Use the CRD files of the release you named');
    expect(thrown(() => KedaRelease.of('2.15.1', { crdsDirectory: kedaCrdsDir('2.16.1') }))).toBe(
      'KedaRelease.of("2.15.1"): the CRDs in crdsDirectory are not those of KEDA 2.15.1: the ClusterCloudEventSource CRD '
      + '(clustercloudeventsources.eventing.keda.sh) is in them, but it is not part of KEDA 2.15.1 (added in 2.16.0). '
      + 'Use the CRD files of the release you named');
  });

  test('a file that is not a KEDA CRD is refused', () => {
    copyOf('2.20.2');
    fs.writeFileSync(path.join(tmp, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: tmp }))).toBe('KedaRelease.of("2.20.2"): extra.yaml contains ConfigMap "x", '
      + 'which is not a KEDA CRD (a CustomResourceDefinition of keda.sh or eventing.keda.sh). The folder must hold only KEDA\'s CRD files');
  });

  test('a missing ScaledObject CRD is refused', () => {
    copyOf('2.20.2', (name, text) => (name === 'keda.sh_scaledobjects.yaml' ? undefined : text));
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: tmp }))).toBe('KedaRelease.of("2.20.2"): the CRD scaledobjects.keda.sh '
      + 'is missing from crdsDirectory. Every KEDA release has it; use the complete set of CRD files');
  });

  test('a folder that does not exist or has no YAML is refused', () => {
    const contents = 'It should hold the CRD files of the KEDA release, as in config/crd/bases/ at its tag of github.com/kedacore/keda: '
      + 'keda.sh_scaledobjects.yaml, keda.sh_triggerauthentications.yaml, keda.sh_clustertriggerauthentications.yaml and the others';
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: path.join(tmp, 'nope') }))).toBe(
      `KedaRelease.of("2.20.2"): crdsDirectory ${path.join(tmp, 'nope')} does not exist. ${contents}`);
    // A relative path is shown resolved, with the working directory it was resolved against.
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: 'vendor/keda/crds' }))).toBe(
      `KedaRelease.of("2.20.2"): crdsDirectory ${path.resolve('vendor/keda/crds')} (vendor/keda/crds, from the working directory ${process.cwd()}) does not exist. ${contents}`);
    fs.writeFileSync(path.join(tmp, 'file.yaml'), '');
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: path.join(tmp, 'file.yaml') }))).toBe(
      `KedaRelease.of("2.20.2"): crdsDirectory ${path.join(tmp, 'file.yaml')} is not a directory. ${contents}`);
    fs.rmSync(path.join(tmp, 'file.yaml'));
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: tmp }))).toBe(`KedaRelease.of("2.20.2"): crdsDirectory ${JSON.stringify(tmp)} has no .yaml files`);
  });

  test('a link loop or a dangling link in the folder is named, not a raw ELOOP', () => {
    copyOf('2.20.2');
    fs.symlinkSync(path.join(tmp, 'b.yaml'), path.join(tmp, 'a.yaml'));
    fs.symlinkSync(path.join(tmp, 'a.yaml'), path.join(tmp, 'b.yaml'));
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: tmp }))).toBe('KedaRelease.of("2.20.2"): cannot read a.yaml: '
      + 'it is a loop of symbolic links (ELOOP). Replace the links with the release\'s files');
    fs.rmSync(path.join(tmp, 'a.yaml'));
    expect(thrown(() => KedaRelease.of('2.20.2', { crdsDirectory: tmp }))).toBe('KedaRelease.of("2.20.2"): cannot read b.yaml: '
      + 'it is a symbolic link to a file that does not exist (ENOENT). Remove the link or restore its target');
  });

  test('KedaCrds needs a release with CRDs', () => {
    expect(thrown(() => new KedaCrds(newChart(), 'keda', { release: KedaRelease.V2_20_2 }))).toBe(
      '[test/keda] release: KEDA 2.20.2 was given without CRDs. Create it with KedaRelease.of(\'2.20.2\', { crdsDirectory: \'<folder with the KEDA CRD files>\' })');
  });
});

describe('KedaCloudEventSourceRbac', () => {
  // kedacore/charts#716: chart 2.16.x with watchNamespace has no cluster-wide eventing.keda.sh rights.
  test('KEDA 2.16.x with watchNamespace gets the rule of kedacore/charts PR #714, bound to the operator', () => {
    const chart = newChart();
    const release = KedaRelease.of('2.16.1', { operator: { namespace: 'autoscaling', serviceAccountName: 'keda-op', watchNamespace: 'apps' } });
    expect(KedaCloudEventSourceRbac.ifNeeded(chart, 'rbac', release)).toBeInstanceOf(KedaCloudEventSourceRbac);
    const [role, binding] = Testing.synth(chart);
    expect(role).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'keda-op-cloudeventsources' },
      rules: [{
        apiGroups: ['eventing.keda.sh'],
        resources: ['cloudeventsources', 'cloudeventsources/status', 'clustercloudeventsources', 'clustercloudeventsources/status'],
        verbs: ['get', 'list', 'watch', 'patch', 'update'],
      }],
    });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'keda-op-cloudeventsources' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'keda-op', namespace: 'autoscaling' }]);
  });

  test('is not needed without watchNamespace, or from chart 2.17.0 on', () => {
    const chart = newChart(null);
    expect(KedaCloudEventSourceRbac.ifNeeded(chart, 'a', KedaRelease.V2_16_1)).toBeUndefined();
    expect(KedaCloudEventSourceRbac.ifNeeded(chart, 'b', KedaRelease.of('2.17.0', { operator: { watchNamespace: 'apps' } }))).toBeUndefined();
    expect(KedaCloudEventSourceRbac.ifNeeded(chart, 'c', KedaRelease.of('2.15.1', { operator: { watchNamespace: 'apps' } }))).toBeUndefined();
    expect(Testing.synth(chart)).toEqual([]);
  });
});
