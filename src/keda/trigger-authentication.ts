import { createHash } from 'crypto';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KedaRelease } from './release';
import { AwsIdentityOwner, ITriggerAuthentication, PodIdentity, PodIdentityProvider, TriggerAuthenticationProps } from './trigger-authentication-props';
import { duplicates } from '../common/duplicates';
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
    const spec = this.renderSpec(props);
    this._parameters = [
      ...(props.secretTargetRefs ?? []).map(r => r.parameter),
      ...(props.configMapTargetRefs ?? []).map(r => r.parameter),
      ...(props.boundServiceAccountTokens ?? []).map(r => r.parameter),
    ];
    const dup = duplicates(this._parameters);
    if (dup.length > 0) {
      throw fieldError(this, 'parameter', dup[0], 'is provided more than once', 'Each trigger parameter may come from one place only');
    }
    if (Object.keys(spec).length === 0) {
      throw fieldError(this, 'spec', {}, 'is empty', 'Give secretTargetRefs, configMapTargetRefs, boundServiceAccountTokens, filePath or podIdentity');
    }
    this._podIdentityProvider = props.podIdentity?.provider;
    this.credentialsRevision = props.credentialsRevision;

    const base = props.baseName ?? id.toLowerCase();
    const hash = createHash('sha256').update(canonicalJson({ spec, credentialsRevision: props.credentialsRevision ?? null })).digest('hex').slice(0, 8);
    this.name = `${base}-${hash}`;
    if (!isDnsSubdomain(this.name)) {
      throw fieldError(this, props.baseName === undefined ? 'id' : 'baseName', base, `gives the name ${JSON.stringify(this.name)}, which ${DNS_SUBDOMAIN_RULE}`,
        props.baseName === undefined ? 'Set baseName' : undefined);
    }
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

  private renderSpec(props: TriggerAuthenticationProps): JsonObject {
    const spec: JsonObject = {};
    const refs = (field: string, list: Array<{ parameter: string; name: string; key: string }> | undefined) => {
      if (list === undefined || list.length === 0) {
        return undefined;
      }
      list.forEach((ref, i) => {
        this.checkParameter(`${field}[${i}].parameter`, ref.parameter);
        if (!isDnsSubdomain(ref.name)) {
          throw fieldError(this, `${field}[${i}].name`, ref.name, DNS_SUBDOMAIN_RULE);
        }
        // Secret and ConfigMap keys: https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
        if (typeof ref.key !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(ref.key)) {
          throw fieldError(this, `${field}[${i}].key`, ref.key, 'is not a valid key (letters, digits, \'-\', \'_\' and \'.\')');
        }
      });
      return list.map(r => ({ parameter: r.parameter, name: r.name, key: r.key }));
    };
    spec.secretTargetRef = refs('secretTargetRefs', props.secretTargetRefs);
    spec.configMapTargetRef = refs('configMapTargetRefs', props.configMapTargetRefs);
    if (props.boundServiceAccountTokens !== undefined && props.boundServiceAccountTokens.length > 0) {
      this.versionGate('boundServiceAccountTokens', props.boundServiceAccountTokens.map(t => t.serviceAccountName), 'triggerAuthBoundServiceAccountToken');
      props.boundServiceAccountTokens.forEach((t, i) => {
        this.checkParameter(`boundServiceAccountTokens[${i}].parameter`, t.parameter);
        if (!isDnsSubdomain(t.serviceAccountName)) {
          throw fieldError(this, `boundServiceAccountTokens[${i}].serviceAccountName`, t.serviceAccountName, DNS_SUBDOMAIN_RULE);
        }
      });
      spec.boundServiceAccountToken = props.boundServiceAccountTokens
        .map(t => ({ parameter: t.parameter, serviceAccountName: t.serviceAccountName }));
    }
    if (props.filePath !== undefined) {
      this.versionGate('filePath', props.filePath, 'triggerAuthFilePath');
      if (!props.filePath.startsWith('/')) {
        throw fieldError(this, 'filePath', props.filePath, 'is not an absolute path', 'Give the path of the file inside the KEDA operator pod');
      }
      spec.filePath = props.filePath;
    }
    if (props.podIdentity !== undefined) {
      spec.podIdentity = this.renderPodIdentity(props.podIdentity);
    }
    for (const key of Object.keys(spec)) {
      if (spec[key] === undefined) {
        delete spec[key];
      }
    }
    return spec;
  }

  // KEDA's own rules: v2.20.2:apis/keda/v1alpha1/triggerauthentication_webhook.go and the CRD's field docs.
  private renderPodIdentity(p: PodIdentity): JsonObject {
    if (!Object.values(PodIdentityProvider).includes(p.provider)) {
      throw fieldError(this, 'podIdentity.provider', p.provider, `is not one of ${Object.values(PodIdentityProvider).join(', ')}`);
    }
    const azure = p.provider === PodIdentityProvider.AZURE_WORKLOAD;
    const aws = p.provider === PodIdentityProvider.AWS || p.provider === PodIdentityProvider.AWS_EKS;
    const only = (field: string, value: unknown, ok: boolean, providers: string) => {
      if (value !== undefined && !ok) {
        throw fieldError(this, `podIdentity.${field}`, value, `is not used with provider ${p.provider}`, `It applies to ${providers} only`);
      }
    };
    only('identityTenantId', p.identityTenantId, azure, 'azure-workload');
    only('identityAuthorityHost', p.identityAuthorityHost, azure, 'azure-workload');
    only('roleArn', p.roleArn, aws, 'aws and aws-eks');
    only('identityOwner', p.identityOwner, aws, 'aws and aws-eks');
    only('externalId', p.externalId, aws, 'aws and aws-eks');
    if (p.identityId !== undefined && p.identityId.trim() === '') {
      throw fieldError(this, 'podIdentity.identityId', p.identityId, 'is empty', 'Leave it unset to use the default identity');
    }
    if (p.identityTenantId !== undefined && p.identityId === undefined) {
      throw fieldError(this, 'podIdentity.identityTenantId', p.identityTenantId, 'needs podIdentity.identityId');
    }
    if (p.identityAuthorityHost !== undefined && p.identityTenantId === undefined) {
      throw fieldError(this, 'podIdentity.identityAuthorityHost', p.identityAuthorityHost, 'needs podIdentity.identityTenantId');
    }
    if (p.roleArn !== undefined && p.identityOwner === AwsIdentityOwner.WORKLOAD) {
      throw fieldError(this, 'podIdentity.roleArn', p.roleArn, 'cannot be used with identityOwner workload', 'Remove one of them');
    }
    if (p.externalId !== undefined) {
      this.versionGate('podIdentity.externalId', p.externalId, 'podIdentityExternalId');
      if (p.roleArn === undefined) {
        throw fieldError(this, 'podIdentity.externalId', p.externalId, 'needs podIdentity.roleArn');
      }
    }
    return {
      provider: p.provider,
      identityId: p.identityId,
      identityTenantId: p.identityTenantId,
      identityAuthorityHost: p.identityAuthorityHost,
      roleArn: p.roleArn,
      identityOwner: p.identityOwner,
      externalID: p.externalId,
    };
  }

  private checkParameter(field: string, parameter: string) {
    if (typeof parameter !== 'string' || parameter.trim() === '') {
      throw fieldError(this, field, parameter, 'is empty', 'Name the trigger parameter it provides, for example "password"');
    }
  }

  private versionGate(field: string, value: unknown, feature: 'triggerAuthBoundServiceAccountToken' | 'triggerAuthFilePath' | 'podIdentityExternalId') {
    const gate = this.release._versionRule(feature);
    if (gate) {
      throw fieldError(this, field, value, gate.rule, gate.hint);
    }
  }
}

/** Refers to an existing ClusterTriggerAuthentication (its Secrets live in KEDA's namespace). */
export class ClusterTriggerAuthentication {
  /**
   * The ClusterTriggerAuthentication with this name. KEDA does not notice when its content or its
   * Secrets change (keda#5915): put a revision into the name and change it with the credentials.
   */
  public static fromName(name: string): ITriggerAuthentication {
    if (!isDnsSubdomain(name)) {
      throw new Error(`ClusterTriggerAuthentication.fromName: name: ${describeValue(name)} ${DNS_SUBDOMAIN_RULE}`);
    }
    return { kind: 'ClusterTriggerAuthentication', name };
  }

  private constructor() {}
}

/** JSON with object keys sorted, so the hash depends on content only. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).filter(k => v[k] !== undefined).sort().map(k => [k, v[k]]))
    : v));
}
