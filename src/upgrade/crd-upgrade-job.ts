import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { V1_API_CONVERSION_TOOL } from '../strimzi/release-facts';

/** Properties of `CrdUpgradeJob`. */
export interface CrdUpgradeJobProps {
  /** The operator image of a 0.49-1.0.1 release, which contains the conversion tool. */
  readonly image: string;
  /** Namespace of the Job and its ServiceAccount (the operator's). */
  readonly namespace: string;
}

const NAME = 'strimzi-v1-api-conversion';

// The CRDs crd-upgrade patches and whose resources it re-stores: every Strimzi CRD of 0.46 and later.
const STRIMZI_RESOURCES = ['kafkas', 'kafkanodepools', 'kafkaconnects', 'kafkaconnectors', 'kafkabridges', 'kafkamirrormaker2s',
  'kafkarebalances', 'kafkatopics', 'kafkausers'];

/** The names of the CRDs Strimzi's crd-upgrade migrates. */
export const STRIMZI_V1_CRDS = [...STRIMZI_RESOURCES.map(r => `${r}.kafka.strimzi.io`), 'strimzipodsets.core.strimzi.io'];

/**
 * Strimzi's `crd-upgrade` as a Job, with the rights it needs: it makes `v1` the storage version of
 * every Strimzi CRD, re-stores every resource through `v1` and removes the other versions from
 * `status.storedVersions`, so that the 1.x CRDs (v1 only) can be applied. The Job, RBAC and command
 * follow `1.0.0:v1-api-conversion/README.md` ("Running the conversion tool as a Kubernetes Job"),
 * with the rules `crd-upgrade` uses (`1.0.0:v1-api-conversion/src/main/java/io/strimzi/kafka/api/conversion/v1/cli/CrdUpgradeCommand.java`).
 */
export class CrdUpgradeJob extends Construct {
  constructor(scope: Construct, id: string, props: CrdUpgradeJobProps) {
    super(scope, id);
    const metadata = { name: NAME, labels: { 'app.kubernetes.io/name': NAME } };
    new ApiObject(this, 'service-account', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { ...metadata, namespace: props.namespace } });
    new ApiObject(this, 'cluster-role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata,
      rules: [
        { apiGroups: ['kafka.strimzi.io'], resources: STRIMZI_RESOURCES, verbs: ['get', 'list', 'patch', 'update'] },
        { apiGroups: ['core.strimzi.io'], resources: ['strimzipodsets'], verbs: ['get', 'list', 'patch', 'update'] },
        {
          apiGroups: ['apiextensions.k8s.io'],
          resources: ['customresourcedefinitions', 'customresourcedefinitions/status'],
          resourceNames: STRIMZI_V1_CRDS,
          verbs: ['get', 'list', 'patch', 'update'],
        },
      ],
    });
    new ApiObject(this, 'cluster-role-binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata,
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: props.namespace }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
    });
    new ApiObject(this, 'job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { ...metadata, namespace: props.namespace },
      spec: {
        backoffLimit: 3,
        template: {
          metadata: { labels: metadata.labels },
          spec: {
            serviceAccountName: NAME,
            restartPolicy: 'OnFailure',
            containers: [{ name: NAME, image: props.image, command: [V1_API_CONVERSION_TOOL, 'crd-upgrade'] }],
          },
        },
      },
    });
  }
}

/** The Job's name, for the checks. */
export const CRD_UPGRADE_JOB = NAME;
