import * as path from 'path';
import { Testing } from 'cdk8s';
import { KafkaPlatform, KedaRelease } from '../../src';
import { KEDA_DIR, strimziRelease } from '../fixtures';

function platform(keda: KedaRelease): KafkaPlatform {
  return new KafkaPlatform(Testing.app(), 'p', { namespace: 'kafka', strimzi: strimziRelease(), keda });
}

describe('KafkaPlatform with KEDA', () => {
  test('KEDA CRDs, when given, go to the CRD stage after Strimzi\'s, marked for server-side apply', () => {
    const p = platform(KedaRelease.of('2.20.2', { crdsDirectory: path.join(KEDA_DIR, '2.20.2', 'crds') }));
    const names = Testing.synth(p.crdStage).map(o => o.metadata.name);
    expect(names.filter(n => n.endsWith('keda.sh')).sort()).toEqual([
      'cloudeventsources.eventing.keda.sh', 'clustercloudeventsources.eventing.keda.sh', 'clustertriggerauthentications.keda.sh',
      'scaledjobs.keda.sh', 'scaledobjects.keda.sh', 'triggerauthentications.keda.sh',
    ]);
    expect(names.indexOf('scaledobjects.keda.sh')).toBeGreaterThan(names.indexOf('kafkas.kafka.strimzi.io'));
    // The ScaledJob CRD is larger than the client-side apply limit (keda#4740): synth passes only because it is marked.
    expect(Testing.synth(p.crdStage).every(o => o.metadata.annotations['argocd.argoproj.io/sync-options'] === 'ServerSideApply=true')).toBe(true);
  });

  test('without crdsDirectory no KEDA CRDs are emitted', () => {
    expect(Testing.synth(platform(KedaRelease.of('2.20.2')).crdStage).some(o => o.metadata.name.endsWith('keda.sh'))).toBe(false);
  });

  // kedacore/charts#716, keda#6493: the 2.16.x chart with watchNamespace cannot list ClusterCloudEventSources.
  test('KEDA 2.16.x watching one namespace gets the ClusterCloudEventSource RBAC in the operator stage', () => {
    const affected = Testing.synth(platform(KedaRelease.of('2.16.1', { operator: { watchNamespace: 'apps' } })).operatorStage);
    const rbac = affected.filter(o => o.metadata.name === 'keda-operator-cloudeventsources');
    expect(rbac.map(o => o.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
    expect(rbac[0].rules[0].resources).toContain('clustercloudeventsources');
    expect(rbac[1].subjects).toEqual([{ kind: 'ServiceAccount', name: 'keda-operator', namespace: 'keda' }]);
    for (const keda of [KedaRelease.of('2.16.1'), KedaRelease.of('2.17.1', { operator: { watchNamespace: 'apps' } })]) {
      expect(JSON.stringify(Testing.synth(platform(keda).operatorStage))).not.toContain('clustercloudeventsources');
    }
  });
});
