import { KedaRelease } from './release';

// What a TriggerAuthentication declares (keda.sh/v1alpha1, v2.20.2:apis/keda/v1alpha1/
// triggerauthentication_types.go): references to where credentials live, never values.

/** What a trigger's `authentication` points at: a TriggerAuthentication or a ClusterTriggerAuthentication. */
export interface ITriggerAuthentication {
  /** `TriggerAuthentication` or `ClusterTriggerAuthentication`. */
  readonly kind: string;

  /** Name of the object. */
  readonly name: string;
}

/** A trigger parameter read from a key of a Secret. */
export interface SecretTargetRef {
  /** The trigger parameter, for example `password` or `ca`. */
  readonly parameter: string;

  /** Name of the Secret, in the namespace of the TriggerAuthentication. */
  readonly name: string;

  /** Key in the Secret. */
  readonly key: string;
}

/** A trigger parameter read from a key of a ConfigMap. */
export interface ConfigMapTargetRef {
  /** The trigger parameter. */
  readonly parameter: string;

  /** Name of the ConfigMap, in the namespace of the TriggerAuthentication. */
  readonly name: string;

  /** Key in the ConfigMap. */
  readonly key: string;
}

/** A trigger parameter filled with a token KEDA requests for a ServiceAccount (KEDA 2.17.0+). */
export interface BoundServiceAccountToken {
  /** The trigger parameter. */
  readonly parameter: string;

  /** The ServiceAccount, in the namespace of the TriggerAuthentication. */
  readonly serviceAccountName: string;
}

/** Platform identity providers (`podIdentity.provider`); `azure` and `aws-kiam` were removed in KEDA 2.15.0. */
export enum PodIdentityProvider {
  /** No identity. */
  NONE = 'none',
  /** Azure AD Workload Identity. */
  AZURE_WORKLOAD = 'azure-workload',
  /** GCP Workload Identity. */
  GCP = 'gcp',
  /** AWS IAM (IRSA or EKS Pod Identity). */
  AWS = 'aws',
  /** AWS EKS IRSA (deprecated by KEDA, to be removed in v3; use AWS). */
  AWS_EKS = 'aws-eks',
}

/** Whose AWS identity KEDA uses (`podIdentity.identityOwner`). */
export enum AwsIdentityOwner {
  /** KEDA's own identity. */
  KEDA = 'keda',
  /** The identity of the scaled workload. */
  WORKLOAD = 'workload',
}

/** The platform identity KEDA authenticates with (`spec.podIdentity`). */
export interface PodIdentity {
  /** The provider. */
  readonly provider: PodIdentityProvider;

  /**
   * Client id of the identity (azure-workload, gcp).
   *
   * @default - the provider's default identity
   */
  readonly identityId?: string;

  /**
   * Tenant of the identity (azure-workload); needs `identityId`.
   *
   * @default - the identity's own tenant
   */
  readonly identityTenantId?: string;

  /**
   * Azure authority host (azure-workload); needs `identityTenantId`.
   *
   * @default - the public cloud's authority
   */
  readonly identityAuthorityHost?: string;

  /**
   * IAM role to assume (aws); not allowed with `identityOwner: WORKLOAD`.
   *
   * @default - no role is assumed
   */
  readonly roleArn?: string;

  /**
   * Whose identity to use (aws).
   *
   * @default AwsIdentityOwner.KEDA
   */
  readonly identityOwner?: AwsIdentityOwner;

  /**
   * External id for assuming `roleArn` (aws, KEDA 2.20.0+); needs `roleArn`.
   *
   * @default - none
   */
  readonly externalId?: string;
}

/** What a TriggerAuthentication and a ClusterTriggerAuthentication both declare. */
export interface TriggerAuthenticationBaseProps {
  /** The KEDA release; must be the one of the ScaledObjects that use this object. */
  readonly release: KedaRelease;

  /**
   * Start of the object name; `-<8 hex digits of the content hash>` is appended.
   *
   * @default - the construct id
   */
  readonly baseName?: string;

  /**
   * Trigger parameters read from Secrets (of the object's namespace; for a ClusterTriggerAuthentication,
   * of KEDA's namespace).
   *
   * @default - none
   */
  readonly secretTargetRefs?: SecretTargetRef[];

  /**
   * Trigger parameters read from ConfigMaps (of the object's namespace; for a
   * ClusterTriggerAuthentication, of KEDA's namespace).
   *
   * @default - none
   */
  readonly configMapTargetRefs?: ConfigMapTargetRef[];

  /**
   * Trigger parameters filled with ServiceAccount tokens (KEDA 2.17.0+).
   *
   * @default - none
   */
  readonly boundServiceAccountTokens?: BoundServiceAccountToken[];

  /**
   * The platform identity to authenticate with.
   *
   * @default - none
   */
  readonly podIdentity?: PodIdentity;

  /**
   * A label for the current credentials; change it whenever the referenced Secrets (or the file of
   * `filePath`) change content.
   *
   * KEDA rebuilds a scaler only when the ScaledObject's spec changes, not when a Secret or a
   * TriggerAuthentication does (keda#5915, keda#7906). The revision is part of this object's name,
   * and the name is part of every referencing ScaledObject's spec, so a new revision makes KEDA
   * reconnect with the new credentials.
   *
   * @default - none: only changes of this object's content rename it
   */
  readonly credentialsRevision?: string;
}

/** Properties of `TriggerAuthentication`. */
export interface TriggerAuthenticationProps extends TriggerAuthenticationBaseProps {
  /**
   * Namespace; must be the namespace of the ScaledObjects that use it.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Not supported on a TriggerAuthentication, and refused: KEDA reads `filePath` only from a
   * ClusterTriggerAuthentication (kedacore/keda pkg/scaling/resolver/scale_resolvers.go); a scaler
   * that uses a TriggerAuthentication with it fails.
   *
   * @deprecated use `ClusterTriggerAuthentication` with `filePath`
   * @default - none
   */
  readonly filePath?: string;
}

/** Properties of `ClusterTriggerAuthentication`. */
export interface ClusterTriggerAuthenticationProps extends TriggerAuthenticationBaseProps {
  /**
   * A file in the KEDA operator pod holding every trigger parameter as a JSON object of strings
   * (KEDA 2.19.0+): a path relative to the directory the operator's `--filepath-auth-root-path`
   * flag names (there is no default, so set the flag and mount the file into the operator pod),
   * without `..`. KEDA then reads the parameters from the file only, so it cannot be combined with
   * Secret, ConfigMap or token references; `podIdentity` still applies.
   *
   * @default - none
   */
  readonly filePath?: string;
}
