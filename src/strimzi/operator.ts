import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { STRIMZI_RELEASE_SHAPE, StrimziRelease } from './release';
import { idPart } from '../common/construct-ids';
import { duplicates } from '../common/duplicates';
import { fieldError, pathMessage } from '../common/field-errors';
import { arrayOf, enumOf, Fields, STRING, struct, vacantId } from '../common/input-shape';
import { DNS_LABEL_RULE, isDnsLabel } from '../common/k8s-names';
import { JsonObject, Manifest } from '../common/manifest';
import { CONTAINER_RESOURCES_SHAPE, renderResources } from '../common/resource-requirements';
import { Version } from '../common/version';
import { byApplyOrder } from '../stages/apply-order';

/** Log level of the Cluster Operator (`STRIMZI_LOG_LEVEL`, read by the operator's log4j2 ConfigMap). */
export enum OperatorLogLevel {
  /** Most detail. */
  TRACE = 'TRACE',
  /** Debug output. */
  DEBUG = 'DEBUG',
  /** The upstream default. */
  INFO = 'INFO',
  /** Warnings and errors only. */
  WARN = 'WARN',
  /** Errors only. */
  ERROR = 'ERROR',
}

/** Settings of the Strimzi Cluster Operator install that users commonly change. */
export interface StrimziOperatorOptions {
  /**
   * Registry and path that replace `quay.io/strimzi` in every image the operator runs or deploys
   * (operator, Kafka, bridge, build images), for clusters that pull from a mirror.
   *
   * @example 'registry.example.com/mirror/strimzi'
   * @default 'quay.io/strimzi'
   */
  readonly imageRegistry?: string;

  /**
   * Tag of the operator image (also used for the topic/user operator and init images). It must name
   * the same release as the CRDs: the release version, optionally with a suffix such as `1.2.0-fips`.
   * A digest on the operator image in the release files (`operator:1.2.0@sha256:...`) is dropped with
   * the tag it pins.
   *
   * @default - the release version
   */
  readonly imageTag?: string;

  /**
   * Feature gates (`STRIMZI_FEATURE_GATES`), each `+Name` to enable or `-Name` to disable a gate.
   *
   * @example ['+UseConnectBuildWithBuildah']
   * @default - the release's defaults
   */
  readonly featureGates?: string[];

  /**
   * CPU and memory of the operator container; parts not given keep the upstream values.
   *
   * @default - upstream: requests 200m CPU / 384Mi, limits 1000m CPU / 384Mi
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Root log level of the operator.
   *
   * @default OperatorLogLevel.INFO
   */
  readonly logLevel?: OperatorLogLevel;
}

const OPERATOR_OPTIONS_FIELDS: Fields = {
  imageRegistry: STRING,
  imageTag: STRING,
  featureGates: arrayOf(STRING),
  resources: CONTAINER_RESOURCES_SHAPE,
  logLevel: enumOf(OperatorLogLevel, 'OperatorLogLevel'),
};

/** The shape of `StrimziOperatorOptions`. */
export const OPERATOR_OPTIONS_SHAPE = struct('StrimziOperatorOptions', OPERATOR_OPTIONS_FIELDS);

/** Properties of `StrimziOperator`. */
export interface StrimziOperatorProps extends StrimziOperatorOptions {
  /** The release to install; its CRDs must be installed too (see `StrimziCrds`). */
  readonly release: StrimziRelease;

  /** Namespace the operator runs in. */
  readonly namespace: string;

  /**
   * Namespaces whose Strimzi resources the operator manages. `['*']` means all namespaces.
   *
   * @default - only the operator's own namespace
   */
  readonly watchNamespaces?: string[];
}

// The RoleBindings that grant the operator its rights in a watched namespace, by the ClusterRole they
// bind (020, 023 and 031 in install/cluster-operator), and the names of the ClusterRoleBindings that
// replace them when all namespaces are watched. Source: 1.2.0:documentation/modules/deploying/
// proc-deploy-cluster-operator-watch-{multiple-namespaces,whole-cluster}.adoc.
const WATCHED_NAMESPACE_ROLES: Array<{ clusterRole: string; clusterWideBinding: string }> = [
  { clusterRole: 'strimzi-cluster-operator-namespaced', clusterWideBinding: 'strimzi-cluster-operator-namespaced' },
  { clusterRole: 'strimzi-cluster-operator-watched', clusterWideBinding: 'strimzi-cluster-operator-watched' },
  { clusterRole: 'strimzi-entity-operator', clusterWideBinding: 'strimzi-cluster-operator-entity-operator-delegation' },
];

const ALL_NAMESPACES = '*';
const UPSTREAM_REGISTRY = 'quay.io/strimzi';

/**
 * The Strimzi Cluster Operator of a release (ServiceAccount, RBAC, ConfigMap, Deployment), set up
 * for its namespace and the namespaces it watches.
 */
export class StrimziOperator extends Construct {
  /** The release the operator runs. */
  public readonly release: StrimziRelease;

  /** The operator namespace. */
  public readonly namespace: string;

  /** The watched namespaces; empty when the operator watches only its own namespace. */
  public readonly watchNamespaces: string[];

  /** The operator Deployment; use `addJsonPatch()` for settings this construct does not model. */
  public readonly deployment: ApiObject;

  /** The operator image, after the registry and tag settings (also the image of Strimzi's tools). */
  public readonly image: string;

  /** All emitted objects, in apply order. */
  public readonly objects: ApiObject[];

  constructor(scope: Construct, id: string, props: StrimziOperatorProps) {
    super(scope, vacantId(scope, id, 'StrimziOperator', props, struct('StrimziOperatorProps', {
      ...OPERATOR_OPTIONS_FIELDS, release: STRIMZI_RELEASE_SHAPE, namespace: STRING, watchNamespaces: arrayOf(STRING),
    }, ['release', 'namespace'])));
    if (!isDnsLabel(props.namespace)) {
      throw fieldError(this, 'namespace', props.namespace, DNS_LABEL_RULE);
    }
    this.release = props.release;
    this.namespace = props.namespace;
    this.watchNamespaces = this.validateWatchNamespaces(props.watchNamespaces);
    const images = this.imageRewrite(props);
    const featureGates = this.validateFeatureGates(props.featureGates);

    const manifests = props.release._operatorObjects.map(o => structuredClone(o));
    for (const m of manifests) {
      this.placeInNamespace(m);
    }
    manifests.push(...this.watchBindings(manifests));
    for (const m of manifests.filter(x => x.kind === 'Deployment')) {
      configureDeployment(m, { namespaces: this.watchNamespaces, images, featureGates, logLevel: props.logLevel, resources: props.resources });
    }

    this.objects = byApplyOrder(manifests).map(m => new ApiObject(this, objectId(m), m));
    this.deployment = this.objects.find(o => o.kind === 'Deployment')!;
    const containers: JsonObject[] = manifests.find(m => m.kind === 'Deployment')!.spec.template.spec.containers;
    this.image = (containers.find(c => c.name === 'strimzi-cluster-operator') ?? containers[0]).image;
  }

  private validateWatchNamespaces(namespaces: string[] | undefined): string[] {
    if (namespaces === undefined) {
      return [];
    }
    if (namespaces.length === 0) {
      throw fieldError(this, 'watchNamespaces', namespaces, 'must not be empty',
        'Leave it unset to watch only the operator namespace, or use [\'*\'] for all namespaces');
    }
    if (namespaces.includes(ALL_NAMESPACES) && namespaces.length > 1) {
      throw fieldError(this, 'watchNamespaces', namespaces, 'mixes \'*\' with namespace names',
        'Use [\'*\'] alone to watch all namespaces, or list the namespaces');
    }
    for (const ns of namespaces) {
      if (ns !== ALL_NAMESPACES && !isDnsLabel(ns)) {
        throw fieldError(this, 'watchNamespaces', ns, DNS_LABEL_RULE);
      }
    }
    const dups = duplicates(namespaces);
    if (dups.length > 0) {
      throw fieldError(this, 'watchNamespaces', namespaces, `lists ${dups.join(', ')} more than once`);
    }
    return [...namespaces];
  }

  private imageRewrite(props: StrimziOperatorProps): (image: string) => string {
    const release = props.release;
    const registry = props.imageRegistry;
    if (registry !== undefined && (!/^[a-z0-9][a-z0-9.:_/-]*[a-z0-9]$/.test(registry) || registry.includes('//'))) {
      throw fieldError(this, 'imageRegistry', registry, 'must be a registry host and path without scheme or trailing \'/\'',
        'For example \'registry.example.com/mirror/strimzi\'');
    }
    const tag = props.imageTag;
    if (tag !== undefined) {
      const tagged = Version.tryParse(tag.split('-')[0]);
      const sameRelease = tagged !== undefined && tagged.compare(release._version) === 0
        && (tag === release.version || tag.startsWith(`${release._version.release}-`));
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) || !sameRelease) {
        throw fieldError(this, 'imageTag', tag, `must name the release of the CRDs (${release.version}), optionally with a suffix`,
          'The operator and the CRDs always come from one StrimziRelease; to change the version, read another release');
      }
    }
    return (image: string) => {
      let result = image;
      if (registry !== undefined && result.startsWith(`${UPSTREAM_REGISTRY}/`)) {
        result = `${registry}/${result.slice(UPSTREAM_REGISTRY.length + 1)}`;
      }
      if (tag !== undefined) {
        // A digest pins the bytes of the release's own tag; kept beside another tag it would win
        // (the runtime pulls by digest) and the operator would run another image than its helpers.
        result = result.replace(/\/operator:[^/:@]+(@sha256:[0-9a-f]{64})?$/, `/operator:${tag}`);
      }
      return result;
    };
  }

  private validateFeatureGates(gates: string[] | undefined): string | undefined {
    if (gates === undefined) {
      return undefined;
    }
    for (const gate of gates) {
      if (!/^[+-][A-Za-z][A-Za-z0-9]*$/.test(gate)) {
        throw fieldError(this, 'featureGates', gate, 'must be +Name to enable or -Name to disable a feature gate',
          'For example \'+UseConnectBuildWithBuildah\'');
      }
    }
    const names = gates.map(g => g.slice(1));
    const dups = duplicates(names);
    if (dups.length > 0) {
      throw fieldError(this, 'featureGates', gates, `names ${dups.join(', ')} more than once`);
    }
    return gates.join(',');
  }

  // Namespaced objects get the operator namespace, and every binding subject points at the operator's
  // ServiceAccount there: upstream files leave the namespace to `kubectl -n` and use the placeholder
  // `myproject` for subjects (`TAG:packaging/install/cluster-operator/0*-RoleBinding*.yaml`).
  private placeInNamespace(m: Manifest) {
    if (!m.kind.startsWith('Cluster')) {
      m.metadata.namespace = this.namespace;
    }
    for (const subject of m.subjects ?? []) {
      if (subject.kind === 'ServiceAccount') {
        subject.namespace = this.namespace;
      }
    }
  }

  private watchBindings(manifests: Manifest[]): Manifest[] {
    const extra = new Array<Manifest>();
    for (const role of WATCHED_NAMESPACE_ROLES) {
      const binding = manifests.find(m => m.kind === 'RoleBinding' && m.roleRef?.name === role.clusterRole);
      if (!binding) {
        throw new Error(pathMessage(this, `the release has no RoleBinding for the ClusterRole ${role.clusterRole}; `
          + 'this library does not know this install layout'));
      }
      if (this.watchNamespaces.includes(ALL_NAMESPACES)) {
        extra.push({ ...structuredClone(binding), kind: 'ClusterRoleBinding', metadata: { ...structuredClone(binding.metadata), name: role.clusterWideBinding, namespace: undefined } });
        continue;
      }
      for (const ns of this.watchNamespaces.filter(n => n !== this.namespace)) {
        extra.push({ ...structuredClone(binding), metadata: { ...structuredClone(binding.metadata), namespace: ns } });
      }
    }
    return extra.map(m => dropUndefined(m));
  }
}

interface DeploymentSettings {
  readonly namespaces: string[];
  readonly images: (image: string) => string;
  readonly featureGates?: string;
  readonly logLevel?: OperatorLogLevel;
  readonly resources?: kplus.ContainerResources;
}

function configureDeployment(deployment: Manifest, settings: DeploymentSettings) {
  for (const container of deployment.spec?.template?.spec?.containers ?? []) {
    container.image = settings.images(container.image);
    const env: JsonObject[] = container.env ?? [];
    for (const e of env) {
      if (typeof e.value === 'string' && /_IMAGES?$|_MAVEN_BUILDER$/.test(e.name)) {
        e.value = e.value.replace(/[^\s=]+\/[^\s=]+:[^\s=]+/g, (image: string) => settings.images(image));
      }
    }
    if (settings.namespaces.length > 0) {
      setEnv(env, 'STRIMZI_NAMESPACE', settings.namespaces.join(','));
    }
    if (settings.featureGates !== undefined) {
      setEnv(env, 'STRIMZI_FEATURE_GATES', settings.featureGates);
    }
    if (settings.logLevel !== undefined) {
      setEnv(env, 'STRIMZI_LOG_LEVEL', settings.logLevel);
    }
    container.env = env;
    if (settings.resources) {
      container.resources = renderResources(settings.resources, container.resources);
    }
  }
}

function setEnv(env: JsonObject[], name: string, value: string) {
  const existing = env.find(e => e.name === name);
  if (existing) {
    delete existing.valueFrom;
    existing.value = value;
  } else {
    env.push({ name, value });
  }
}

// The kinds have no '-' and each kind is either namespaced or not, so with the namespace escaped
// (idPart: its '-' doubled) the id tells name and namespace apart: the RoleBinding
// strimzi-cluster-operator in namespace watched-apps and strimzi-cluster-operator-watched in apps
// get different ids.
function objectId(m: Manifest): string {
  return m.metadata.namespace ? `${m.kind}-${m.metadata.name}-${idPart(m.metadata.namespace)}` : `${m.kind}-${m.metadata.name}`;
}

function dropUndefined<T>(obj: T): T {
  return JSON.parse(JSON.stringify(obj));
}
