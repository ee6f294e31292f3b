import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { KedaFeature } from './release-facts';
import { AwsIdentityOwner, PodIdentity, PodIdentityProvider, TriggerAuthenticationBaseProps } from './trigger-authentication-props';
import { duplicates } from '../common/duplicates';
import { fieldError } from '../common/field-errors';
import { DNS_SUBDOMAIN_RULE, isDnsSubdomain } from '../common/k8s-names';
import { holdsKeyMaterial } from '../common/literal-secrets';
import { JsonObject } from '../common/manifest';

// The spec both kinds of trigger authentication share (keda.sh/v1alpha1 TriggerAuthenticationSpec,
// kedacore/keda v2.20.2:apis/keda/v1alpha1/triggerauthentication_types.go), its checks and the
// content-hashed name (internal).

/** A rendered spec and what it tells a trigger. */
export interface AuthSpec {
  readonly spec: JsonObject;
  /** Names of the parameters the references provide, in order. */
  readonly parameters: string[];
  readonly podIdentityProvider?: PodIdentityProvider;
}

/** The spec of `props` (without filePath, which only a ClusterTriggerAuthentication may have); throws on bad input. */
export function renderAuthSpec(scope: IConstruct, props: TriggerAuthenticationBaseProps): AuthSpec {
  const spec: JsonObject = {};
  spec.secretTargetRef = refs(scope, 'secretTargetRefs', props.secretTargetRefs);
  spec.configMapTargetRef = refs(scope, 'configMapTargetRefs', props.configMapTargetRefs);
  if (props.boundServiceAccountTokens !== undefined && props.boundServiceAccountTokens.length > 0) {
    versionGate(scope, props, 'boundServiceAccountTokens', props.boundServiceAccountTokens.map(t => t.serviceAccountName), 'triggerAuthBoundServiceAccountToken');
    props.boundServiceAccountTokens.forEach((t, i) => {
      checkParameter(scope, `boundServiceAccountTokens[${i}].parameter`, t.parameter);
      if (!isDnsSubdomain(t.serviceAccountName)) {
        throw fieldError(scope, `boundServiceAccountTokens[${i}].serviceAccountName`, t.serviceAccountName, DNS_SUBDOMAIN_RULE);
      }
    });
    spec.boundServiceAccountToken = props.boundServiceAccountTokens.map(t => ({ parameter: t.parameter, serviceAccountName: t.serviceAccountName }));
  }
  if (props.podIdentity !== undefined) {
    spec.podIdentity = renderPodIdentity(scope, props, props.podIdentity);
  }
  for (const key of Object.keys(spec)) {
    if (spec[key] === undefined) {
      delete spec[key];
    }
  }
  const parameters = [
    ...(props.secretTargetRefs ?? []).map(r => r.parameter),
    ...(props.configMapTargetRefs ?? []).map(r => r.parameter),
    ...(props.boundServiceAccountTokens ?? []).map(r => r.parameter),
  ];
  const dup = duplicates(parameters);
  if (dup.length > 0) {
    throw fieldError(scope, 'parameter', dup[0], 'is provided more than once', 'Each trigger parameter may come from one place only');
  }
  return { spec, parameters, podIdentityProvider: props.podIdentity?.provider };
}

/**
 * `<baseName>-<8 hex digits>`, the hash covering the spec and the credentials revision, so that any
 * change renames the object and thereby changes the spec of every ScaledObject that uses it (keda#5915).
 */
export function hashedName(scope: IConstruct, id: string, props: TriggerAuthenticationBaseProps, spec: JsonObject): string {
  const base = props.baseName ?? id.toLowerCase();
  const hash = createHash('sha256').update(canonicalJson({ spec, credentialsRevision: props.credentialsRevision ?? null })).digest('hex').slice(0, 8);
  const name = `${base}-${hash}`;
  if (!isDnsSubdomain(name)) {
    throw fieldError(scope, props.baseName === undefined ? 'id' : 'baseName', base, `gives the name ${JSON.stringify(name)}, which ${DNS_SUBDOMAIN_RULE}`,
      props.baseName === undefined ? 'Set baseName' : undefined);
  }
  return name;
}

/** Throws when the release lacks `feature`. */
export function versionGate(scope: IConstruct, props: TriggerAuthenticationBaseProps, field: string, value: unknown, feature: KedaFeature) {
  const gate = props.release._versionRule(feature);
  if (gate) {
    throw fieldError(scope, field, value, gate.rule, gate.hint);
  }
}

function refs(scope: IConstruct, field: string, list: Array<{ parameter: string; name: string; key: string }> | undefined) {
  if (list === undefined || list.length === 0) {
    return undefined;
  }
  list.forEach((ref, i) => {
    checkParameter(scope, `${field}[${i}].parameter`, ref.parameter);
    if (!isDnsSubdomain(ref.name)) {
      throw fieldError(scope, `${field}[${i}].name`, ref.name, DNS_SUBDOMAIN_RULE);
    }
    // Secret and ConfigMap keys: https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
    if (typeof ref.key !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(ref.key)) {
      // A secret pasted where its key belongs must not reach the CI log either.
      throw fieldError(scope, `${field}[${i}].key`, holdsKeyMaterial(ref.key) ? '<redacted>' : ref.key, 'is not a valid key (letters, digits, \'-\', \'_\' and \'.\')');
    }
  });
  return list.map(r => ({ parameter: r.parameter, name: r.name, key: r.key }));
}

function checkParameter(scope: IConstruct, field: string, parameter: string) {
  if (typeof parameter !== 'string' || parameter.trim() === '') {
    throw fieldError(scope, field, parameter, 'is empty', 'Name the trigger parameter it provides, for example "password"');
  }
}

// KEDA's own rules: v2.20.2:apis/keda/v1alpha1/triggerauthentication_webhook.go and the CRD's field docs.
function renderPodIdentity(scope: IConstruct, props: TriggerAuthenticationBaseProps, p: PodIdentity): JsonObject {
  if (!Object.values(PodIdentityProvider).includes(p.provider)) {
    throw fieldError(scope, 'podIdentity.provider', p.provider, `is not one of ${Object.values(PodIdentityProvider).join(', ')}`);
  }
  const azure = p.provider === PodIdentityProvider.AZURE_WORKLOAD;
  const aws = p.provider === PodIdentityProvider.AWS || p.provider === PodIdentityProvider.AWS_EKS;
  const only = (field: string, value: unknown, ok: boolean, providers: string) => {
    if (value !== undefined && !ok) {
      throw fieldError(scope, `podIdentity.${field}`, value, `is not used with provider ${p.provider}`, `It applies to ${providers} only`);
    }
  };
  only('identityTenantId', p.identityTenantId, azure, 'azure-workload');
  only('identityAuthorityHost', p.identityAuthorityHost, azure, 'azure-workload');
  only('roleArn', p.roleArn, aws, 'aws and aws-eks');
  only('identityOwner', p.identityOwner, aws, 'aws and aws-eks');
  only('externalId', p.externalId, aws, 'aws and aws-eks');
  if (p.identityId !== undefined && p.identityId.trim() === '') {
    throw fieldError(scope, 'podIdentity.identityId', p.identityId, 'is empty', 'Leave it unset to use the default identity');
  }
  if (p.identityTenantId !== undefined && p.identityId === undefined) {
    throw fieldError(scope, 'podIdentity.identityTenantId', p.identityTenantId, 'needs podIdentity.identityId');
  }
  if (p.identityAuthorityHost !== undefined && p.identityTenantId === undefined) {
    throw fieldError(scope, 'podIdentity.identityAuthorityHost', p.identityAuthorityHost, 'needs podIdentity.identityTenantId');
  }
  if (p.roleArn !== undefined && p.identityOwner === AwsIdentityOwner.WORKLOAD) {
    throw fieldError(scope, 'podIdentity.roleArn', p.roleArn, 'cannot be used with identityOwner workload', 'Remove one of them');
  }
  if (p.externalId !== undefined) {
    versionGate(scope, props, 'podIdentity.externalId', p.externalId, 'podIdentityExternalId');
    if (p.roleArn === undefined) {
      throw fieldError(scope, 'podIdentity.externalId', p.externalId, 'needs podIdentity.roleArn');
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

/** JSON with object keys sorted, so the hash depends on content only. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).filter(k => v[k] !== undefined).sort().map(k => [k, v[k]]))
    : v));
}
