import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { KEDA_RELEASE_SHAPE, KedaRelease } from './release';
import { checkInput, STRING, struct, vacantId } from '../common/input-shape';

/** Properties of `KedaCloudEventSourceRbac`. */
export interface KedaCloudEventSourceRbacProps {
  /** The KEDA release; its `operator` options name the ServiceAccount to grant the rights to. */
  readonly release: KedaRelease;

  /**
   * Name of the ClusterRole and the ClusterRoleBinding.
   *
   * @default - `<operator ServiceAccount>-cloudeventsources`
   */
  readonly name?: string;
}

// Exactly the rule kedacore/charts PR #714 added to the chart's minimal ClusterRole (chart 2.17.0).
const EVENTING_RULE = {
  apiGroups: ['eventing.keda.sh'],
  resources: ['cloudeventsources', 'cloudeventsources/status', 'clustercloudeventsources', 'clustercloudeventsources/status'],
  verbs: ['get', 'list', 'watch', 'patch', 'update'],
};

/**
 * The cluster-wide rights on `eventing.keda.sh` that the KEDA 2.16.x Helm chart forgets when
 * `watchNamespace` is set: without them the operator fails with "cannot list resource
 * clustercloudeventsources ... at the cluster scope" (kedacore/charts#716, keda#6493; fixed in
 * chart 2.17.0 by kedacore/charts PR #714). A ClusterRole and a ClusterRoleBinding to the operator's
 * ServiceAccount; core RBAC objects, so they can go in any stage before KEDA starts.
 */
export class KedaCloudEventSourceRbac extends Construct {
  /**
   * Adds the fix when `release` needs it (KEDA 2.16.x with a `watchNamespace`), else nothing.
   *
   * @returns the construct, or undefined when the release does not need it
   */
  public static ifNeeded(scope: Construct, id: string, release: KedaRelease): KedaCloudEventSourceRbac | undefined {
    checkInput('KedaCloudEventSourceRbac.ifNeeded', 'release', release, KEDA_RELEASE_SHAPE);
    if (release.watchNamespace === undefined || !release._affectedBy('cloudEventSourceRbac')) {
      return undefined;
    }
    return new KedaCloudEventSourceRbac(scope, id, { release });
  }

  /** The ClusterRole. */
  public readonly clusterRole: ApiObject;

  /** The ClusterRoleBinding to the operator's ServiceAccount. */
  public readonly clusterRoleBinding: ApiObject;

  constructor(scope: Construct, id: string, props: KedaCloudEventSourceRbacProps) {
    super(scope, vacantId(scope, id, 'KedaCloudEventSourceRbac', props,
      struct('KedaCloudEventSourceRbacProps', { release: KEDA_RELEASE_SHAPE, name: STRING }, ['release'])));
    const release = props.release;
    const name = props.name ?? `${release.operatorServiceAccountName}-cloudeventsources`;
    this.clusterRole = new ApiObject(this, 'ClusterRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: [structuredClone(EVENTING_RULE)],
    });
    this.clusterRoleBinding = new ApiObject(this, 'ClusterRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: release.operatorServiceAccountName, namespace: release.operatorNamespace }],
    });
    // cdk8s gives every object the chart's namespace; these two are cluster-scoped.
    if (Chart.of(this).namespace !== undefined) {
      for (const obj of [this.clusterRole, this.clusterRoleBinding]) {
        obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      }
    }
  }
}
