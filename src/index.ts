// The public API, listed by name: what users of the library need, and nothing else. Internal
// helpers stay out, so that they can change without breaking users in any jsii language.
// test/public-api.test.ts checks this list against test/public-api.txt.

// The one declaration.
export { KafkaPlatform } from './platform/platform';
export type { KafkaPlatformProps, KafkaPlatformSettings } from './platform/platform-props';
export { PlatformStage } from './stages/stage-names';

// Output for GitOps tools, and upgrades between Strimzi releases.
export { GitOps, GitOpsFlavour } from './gitops/git-ops';
export type { ArgoCdOptions, FluxOptions, FluxSourceRef } from './gitops/git-ops';
export { StrimziUpgrade } from './upgrade/strimzi-upgrade';
export type { IPlatformDeclaration, StrimziUpgradeProps } from './upgrade/upgrade-props';
export type { UpgradePhase } from './upgrade/upgrade-phase';

// Strimzi: release, CRDs, operator.
export { StrimziRelease } from './strimzi/release';
export type { StrimziReleaseOptions } from './strimzi/release';
export { StrimziCrds } from './strimzi/crds';
export type { StrimziCrdsProps } from './strimzi/crds';
export { OperatorLogLevel, StrimziOperator } from './strimzi/operator';
export type { StrimziOperatorOptions, StrimziOperatorProps } from './strimzi/operator';

// Strimzi custom resources.
export { StrimziResource } from './strimzi/resource';
export type { StrimziResourceProps } from './strimzi/resource';
export { Kafka } from './strimzi/kafka';
export type { CruiseControlOptions, EntityOperatorOptions, KafkaOptions, KafkaProps, RackAwarenessOptions } from './strimzi/kafka-options';
export { KafkaListenerAuthentication, KafkaListenerType } from './strimzi/listener';
export type { KafkaListener } from './strimzi/listener';
export { KafkaAuthorization } from './strimzi/authorization';
export type { CustomAuthorizationOptions, SimpleAuthorizationOptions } from './strimzi/authorization';
export { KafkaNodePool, KafkaNodeRole } from './strimzi/node-pool';
export type { KafkaNodePoolOptions, KafkaNodePoolProps } from './strimzi/node-pool';
export { KafkaStorage } from './strimzi/storage';
export type { EphemeralStorageOptions, PersistentClaimStorageOptions } from './strimzi/storage';
export type { JvmOptions } from './strimzi/jvm-options';
export { KafkaTopic } from './strimzi/topic';
export type { KafkaTopicOptions, KafkaTopicProps } from './strimzi/topic';
export { KafkaUser, KafkaUserAuthentication } from './strimzi/user';
export type { KafkaUserOptions, KafkaUserProps, KafkaUserQuotas, ScramSha512UserOptions, SecretKeyRef } from './strimzi/user';
export { AclEffect, AclOperation, AclPatternType, AclResource } from './strimzi/acl';
export type { KafkaAcl } from './strimzi/acl';
export { KafkaConnect } from './strimzi/connect';
export type { KafkaConnectOptions, KafkaConnectProps } from './strimzi/connect-options';
export { ConnectBuildOutput, PluginArtifact } from './strimzi/connect-build';
export type {
  ConnectPlugin, DockerOutputOptions, KafkaConnectBuild, MavenArtifactOptions, OtherArtifactOptions, PluginArtifactOptions,
} from './strimzi/connect-build';
export { KafkaConnector, KafkaConnectorState } from './strimzi/connector';
export type { KafkaConnectorAutoRestart, KafkaConnectorOptions, KafkaConnectorProps } from './strimzi/connector';

// Autoscaling options (data that Connect clusters, connectors and consumers carry).
export { KafkaOffsetResetPolicy } from './autoscaling-options/kafka-lag';
export type { KafkaLagOptions } from './autoscaling-options/kafka-lag';
export type { KafkaConnectAutoscalingOptions, KafkaConnectorAutoscalingOptions, KafkaLagScalingOptions } from './autoscaling-options/lag-scaling';
export { FallbackBehavior } from './autoscaling-options/scaled-object-settings';
export type { ScaledObjectFallback, ScaledObjectSettings } from './autoscaling-options/scaled-object-settings';
export { HpaScalingPolicyType, HpaSelectPolicy } from './autoscaling-options/hpa-behavior';
export type { HpaBehavior, HpaScalingPolicy, HpaScalingRules } from './autoscaling-options/hpa-behavior';
export type { IScalerTrigger } from './autoscaling-options/scaler-trigger';

// Autoscaling of Strimzi targets, built by the platform.
export { KafkaConnectAutoscaling } from './autoscaling/connect-autoscaling';
export { KafkaConnectorAutoscaling } from './autoscaling/connector-autoscaling';
export { KafkaConsumerAutoscaling } from './autoscaling/consumer-autoscaling';
export type { KafkaConsumerAutoscalingOptions } from './autoscaling/consumer-autoscaling';

// KEDA building blocks.
export { KedaRelease } from './keda/release';
export type { KedaOperatorOptions, KedaReleaseOptions } from './keda/release';
export { KedaCrds } from './keda/crds';
export type { KedaCrdsProps } from './keda/crds';
export { KedaCloudEventSourceRbac } from './keda/rbac';
export type { KedaCloudEventSourceRbacProps } from './keda/rbac';
export { ScaleTarget } from './keda/scale-target';
export type { ScaleTargetProps } from './keda/scale-target';
export { ClusterTriggerAuthentication, TriggerAuthentication } from './keda/trigger-authentication';
export { AwsIdentityOwner, PodIdentityProvider } from './keda/trigger-authentication-props';
export type {
  BoundServiceAccountToken, ClusterTriggerAuthenticationProps, ConfigMapTargetRef, ITriggerAuthentication, PodIdentity, SecretTargetRef,
  TriggerAuthenticationBaseProps, TriggerAuthenticationProps,
} from './keda/trigger-authentication-props';
export { MetricType } from './keda/trigger-options';
export type { TriggerOptions } from './keda/trigger-options';
export { KafkaSaslMechanism, KafkaSaslTokenProvider } from './keda/kafka-trigger';
export type { KafkaTriggerProps } from './keda/kafka-trigger';
export { AzureCloud, EventHubCheckpointStrategy } from './keda/event-hub-trigger';
export type { AzureEventHubTriggerProps } from './keda/event-hub-trigger';
export type { GenericTriggerProps, PrometheusTriggerProps, ResourceTriggerProps } from './keda/basic-triggers';
export { ScalerTrigger } from './keda/triggers';
export { ScaledObject } from './keda/scaled-object';
export type { ScaledObjectAdvanced, ScaledObjectProps, ScalingModifiers } from './keda/scaled-object-props';
