import { Duration } from 'cdk8s';
import { HpaBehavior, HpaScalingPolicyType, HpaScalingRules } from '../autoscaling-options/hpa-behavior';

// How fast the HPA may change the number of Connect workers unless the user says otherwise. Every
// change of the group's members is a rebalance of connectors and tasks:
// - a worker that leaves takes its tasks with it, and the group leader waits up to
//   scheduled.rebalance.max.delay.ms (default 300000 ms) for it to come back before it reassigns them;
//   until then they do not run (apache/kafka 3.9: connect/runtime/.../distributed/DistributedConfig.java,
//   IncrementalCooperativeAssignor.handleLostAssignments). Strimzi sets no value for it.
// - a worker that joins takes tasks from the others, and consecutive rebalances that revoke tasks are
//   delayed by an exponential backoff up to the same maximum (IncrementalCooperativeAssignor).
// Kubernetes' default scale-down (100 % per 15 s after a 5-minute window) can remove several workers
// at once, leaving their tasks unassigned for 5 minutes while the lag grows and the HPA scales up
// again. So: workers leave one at a time, at most one per rebalance delay; they join in fewer, larger
// steps after the lag has held for a minute. These numbers are our recommendation, derived from those
// defaults, not an upstream rule. KEDA copies the behavior into the HPA unchanged
// (kedacore/keda controllers/keda/hpa.go).

/** Scale down: keep the highest recommendation of 10 minutes, then remove at most one worker per 5 minutes. */
const SCALE_DOWN: HpaScalingRules = {
  stabilizationWindow: Duration.minutes(10),
  policies: [{ type: HpaScalingPolicyType.PODS, value: 1, period: Duration.minutes(5) }],
};

/** Scale up: keep the lowest recommendation of 1 minute, then at most double the workers per minute. */
const SCALE_UP: HpaScalingRules = {
  stabilizationWindow: Duration.minutes(1),
  policies: [{ type: HpaScalingPolicyType.PERCENT, value: 100, period: Duration.minutes(1) }],
};

/** The HPA behavior of a KafkaConnect's ScaledObject: each direction the user leaves unset gets our default. */
export function connectWorkerBehavior(behavior: HpaBehavior | undefined): HpaBehavior {
  return { scaleUp: behavior?.scaleUp ?? SCALE_UP, scaleDown: behavior?.scaleDown ?? SCALE_DOWN };
}
