// The public KEDA API. Internal helpers (trigger definitions, rule checks, the fact table) stay out.
export { KedaRelease } from './release';
export type { KedaOperatorOptions, KedaReleaseOptions } from './release';
export { KedaCrds } from './crds';
export type { KedaCrdsProps } from './crds';
export { KedaCloudEventSourceRbac } from './rbac';
export type { KedaCloudEventSourceRbacProps } from './rbac';
export { ScaleTarget } from './scale-target';
export type { ScaleTargetProps } from './scale-target';
export { ClusterTriggerAuthentication, TriggerAuthentication } from './trigger-authentication';
export { AwsIdentityOwner, PodIdentityProvider } from './trigger-authentication-props';
export type {
  BoundServiceAccountToken, ConfigMapTargetRef, ITriggerAuthentication, PodIdentity, SecretTargetRef, TriggerAuthenticationProps,
} from './trigger-authentication-props';
export { MetricType } from './trigger-options';
export type { TriggerOptions } from './trigger-options';
export { KafkaOffsetResetPolicy, KafkaSaslMechanism, KafkaSaslTokenProvider } from './kafka-trigger';
export type { KafkaLagOptions, KafkaTriggerProps } from './kafka-trigger';
export { AzureCloud, EventHubCheckpointStrategy } from './event-hub-trigger';
export type { AzureEventHubTriggerProps } from './event-hub-trigger';
export type { GenericTriggerProps, PrometheusTriggerProps, ResourceTriggerProps } from './basic-triggers';
export { ScalerTrigger } from './triggers';
export { HpaScalingPolicyType, HpaSelectPolicy } from './hpa-behavior';
export type { HpaBehavior, HpaScalingPolicy, HpaScalingRules } from './hpa-behavior';
export { ScaledObject } from './scaled-object';
export { FallbackBehavior } from './scaled-object-props';
export type { ScaledObjectAdvanced, ScaledObjectFallback, ScaledObjectProps, ScalingModifiers } from './scaled-object-props';
