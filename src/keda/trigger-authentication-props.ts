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

/** Properties of `TriggerAuthentication`. */
export interface TriggerAuthenticationProps {
  /** The KEDA release; must be the one of the ScaledObjects that use this object. */
  readonly release: KedaRelease;

  /**
   * Start of the object name; `-<8 hex digits of the content hash>` is appended.
   *
   * @default - the construct id
   */
  readonly baseName?: string;

  /**
   * Namespace; must be the namespace of the ScaledObjects that use it.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Trigger parameters read from Secrets.
   *
   * @default - none
   */
  readonly secretTargetRefs?: SecretTargetRef[];

  /**
   * Trigger parameters read from ConfigMaps.
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
   * A file in the KEDA operator pod holding the parameters as a JSON object (KEDA 2.19.0+).
   *
   * @default - none
   */
  readonly filePath?: string;

  /**
   * The platform identity to authenticate with.
   *
   * @default - none
   */
  readonly podIdentity?: PodIdentity;

  /**
   * A label for the current credentials; change it whenever the referenced Secrets change content.
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
