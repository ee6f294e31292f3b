import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { KedaRelease } from './release';
import { ClusterTriggerAuthenticationProps, ITriggerAuthentication, PodIdentityProvider, TriggerAuthenticationProps } from './trigger-authentication-props';
import { hashedName, renderAuthSpec, versionGate } from './trigger-authentication-spec';
import { describeValue, fieldError } from '../common/field-errors';
import { DNS_LABEL_RULE, DNS_SUBDOMAIN_RULE, isDnsLabel, isDnsSubdomain } from '../common/k8s-names';
import { JsonObject } from '../common/manifest';

/**
 * A KEDA TriggerAuthentication (keda.sh/v1alpha1): where a trigger's credentials come from. It holds
 * references only, never secret values.
 *
 * Its name is `<baseName>-<hash>`, the hash covering the whole spec and `credentialsRevision`, so any
 * change renames it and thereby changes the spec of every ScaledObject that uses it: the only change
 * that makes KEDA rebuild its scalers (keda#5915).
 */
export class TriggerAuthentication extends Construct implements ITriggerAuthentication {
  /** `TriggerAuthentication`. */
  public readonly kind: string = 'TriggerAuthentication';

  /** The object name, `<baseName>-<hash>`. */
  public readonly name: string;

  /** The namespace, if set on the object or its chart. */
  public readonly namespace?: string;

  /** The release. */
  public readonly release: KedaRelease;

  /** The credentials revision, if any. */
  public readonly credentialsRevision?: string;

  /** The emitted object. */
  public readonly apiObject: ApiObject;

  /** Names of the parameters this object provides, in order. @internal */
  public readonly _parameters: string[];

  /** The pod identity provider, if any. @internal */
  public readonly _podIdentityProvider?: PodIdentityProvider;

  constructor(scope: Construct, id: string, props: TriggerAuthenticationProps) {
    super(scope, id);
    this.release = props.release;
    // KEDA honours filePath only when the authenticationRef kind is ClusterTriggerAuthentication, and
    // fails the scaler otherwise (v2.20.2:pkg/scaling/resolver/scale_resolvers.go, resolveAuthRef:
    // "filePath is only supported for ClusterTriggerAuthentication"). The webhook does not stop it.
    if (props.filePath !== undefined) {
      throw fieldError(this, 'filePath', props.filePath, 'is only read by KEDA from a ClusterTriggerAuthentication; a scaler that uses a '
        + 'TriggerAuthentication with filePath fails with "filePath is only supported for ClusterTriggerAuthentication"',
      'Use new ClusterTriggerAuthentication(scope, id, { release, filePath }) instead');
    }
    const { spec, parameters, podIdentityProvider } = renderAuthSpec(this, props);
    if (Object.keys(spec).length === 0) {
      throw fieldError(this, 'spec', {}, 'is empty', 'Give secretTargetRefs, configMapTargetRefs, boundServiceAccountTokens or podIdentity');
    }
    this._parameters = parameters;
    this._podIdentityProvider = podIdentityProvider;
    this.credentialsRevision = props.credentialsRevision;
    this.name = hashedName(this, id, props, spec);
    if (props.namespace !== undefined && !isDnsLabel(props.namespace)) {
      throw fieldError(this, 'namespace', props.namespace, DNS_LABEL_RULE);
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: { name: this.name, namespace: props.namespace },
      spec,
    });
    this.namespace = props.namespace ?? Chart.of(this).namespace;
  }
}

/**
 * A KEDA ClusterTriggerAuthentication (keda.sh/v1alpha1, cluster-scoped): credentials that
 * ScaledObjects of every namespace can use. Its Secrets and ConfigMaps are read from KEDA's own
 * namespace. It is the only kind from which KEDA reads `filePath`.
 *
 * Named like a TriggerAuthentication: `<baseName>-<hash of the spec and credentialsRevision>`.
 */
export class ClusterTriggerAuthentication extends Construct implements ITriggerAuthentication {
  /**
   * The ClusterTriggerAuthentication with this name, created elsewhere. KEDA does not notice when its
   * content or its Secrets change (keda#5915): put a revision into the name and change it with the
   * credentials.
   */
  public static fromName(name: string): ITriggerAuthentication {
    if (!isDnsSubdomain(name)) {
      throw new Error(`ClusterTriggerAuthentication.fromName: name: ${describeValue(name)} ${DNS_SUBDOMAIN_RULE}`);
    }
    return { kind: 'ClusterTriggerAuthentication', name };
  }

  /** `ClusterTriggerAuthentication`. */
  public readonly kind: string = 'ClusterTriggerAuthentication';

  /** The object name, `<baseName>-<hash>`. */
  public readonly name: string;

  /** The release. */
  public readonly release: KedaRelease;

  /** The credentials revision, if any. */
  public readonly credentialsRevision?: string;

  /** The emitted object. */
  public readonly apiObject: ApiObject;

  /** Names of the parameters this object provides, in order; undefined when they come from a file. @internal */
  public readonly _parameters?: string[];

  /** The pod identity provider, if any. @internal */
  public readonly _podIdentityProvider?: PodIdentityProvider;

  constructor(scope: Construct, id: string, props: ClusterTriggerAuthenticationProps) {
    super(scope, id);
    this.release = props.release;
    const { spec, parameters, podIdentityProvider } = renderAuthSpec(this, props);
    if (props.filePath !== undefined) {
      checkFilePath(this, props, spec);
      spec.filePath = props.filePath;
    }
    if (Object.keys(spec).length === 0) {
      throw fieldError(this, 'spec', {}, 'is empty', 'Give secretTargetRefs, configMapTargetRefs, boundServiceAccountTokens, filePath or podIdentity');
    }
    this._parameters = props.filePath === undefined ? parameters : undefined;
    this._podIdentityProvider = podIdentityProvider;
    this.credentialsRevision = props.credentialsRevision;
    this.name = hashedName(this, id, props, spec);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ClusterTriggerAuthentication',
      metadata: { name: this.name },
      spec,
    });
    // cdk8s gives every object the chart's namespace; this one is cluster-scoped.
    if (Chart.of(this).namespace !== undefined) {
      this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }
}

/**
 * KEDA's rules for filePath (v2.20.2:pkg/scaling/resolver/scale_resolvers.go): the release must have it
 * (2.19.0); readAuthParamsFromFile refuses an absolute path and any path containing `..`, and joins the
 * rest to the operator's --filepath-auth-root-path; resolveAuthRef returns the file's parameters
 * without resolving the references of the same spec, so those would be silently ignored.
 */
function checkFilePath(scope: Construct, props: ClusterTriggerAuthenticationProps, spec: JsonObject) {
  const path = props.filePath;
  versionGate(scope, props, 'filePath', path, 'triggerAuthFilePath');
  if (typeof path !== 'string' || path.trim() === '') {
    throw fieldError(scope, 'filePath', path, 'is empty', 'Give the file\'s path relative to the operator\'s --filepath-auth-root-path, for example "kafka.json"');
  }
  if (path.startsWith('/') || path.includes('..')) {
    throw fieldError(scope, 'filePath', path, 'must be relative and not contain \'..\' (KEDA refuses it with "filePath must be relative and not contain \'..\'")',
      'Give the path relative to the directory of the KEDA operator\'s --filepath-auth-root-path flag, for example "kafka.json"');
  }
  const ignored = ['secretTargetRef', 'configMapTargetRef', 'boundServiceAccountToken'].filter(key => spec[key] !== undefined);
  if (ignored.length > 0) {
    throw fieldError(scope, 'filePath', path, `cannot be combined with ${ignored.join(', ')}: with filePath KEDA reads the parameters from the file only and ignores them`,
      'Put every parameter into the file, or use references without filePath');
  }
}
