/**
 * A stage of a KafkaPlatform. Each stage is one chart, written as one file
 * `NNNN-<platform id>-<stage>.k8s.yaml`, in apply order: the CRDs before the operator that serves
 * them, the operator before the resources it reconciles, the autoscaling last, since KEDA needs its
 * targets.
 */
export enum PlatformStage {
  /** The CRDs (Strimzi's, patched, and KEDA's when given). */
  CRDS = 'crds',
  /** The Strimzi Cluster Operator. */
  OPERATOR = 'operator',
  /** Kafka clusters, node pools, topics, users, Connect clusters and connectors. */
  KAFKA = 'kafka',
  /** TriggerAuthentications and ScaledObjects. */
  AUTOSCALING = 'autoscaling',
}

/** The stages in apply order. */
export const STAGE_ORDER: readonly PlatformStage[] = [PlatformStage.CRDS, PlatformStage.OPERATOR, PlatformStage.KAFKA, PlatformStage.AUTOSCALING];
