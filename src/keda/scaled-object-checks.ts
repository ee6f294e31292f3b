import { IConstruct } from 'constructs';
import { KedaRelease } from './release';
import { ScaledObjectProps, ScalingModifiers } from './scaled-object-props';
import { MetricType } from './trigger-options';
import { FallbackBehavior, ScaledObjectFallback } from '../autoscaling-options/scaled-object-settings';
import { fieldError } from '../common/field-errors';

// KEDA's admission rules that a ScaledObject can check alone, in its constructor; they throw.
// Sources: kedacore/keda v2.20.2:apis/keda/v1alpha1/scaledobject_types.go (CheckReplicaCountBoundsAreValid,
// CheckFallbackValid, ValidateAndCompileScalingModifiers) and scaledobject_webhook.go.

/** What the checks read of the ScaledObject they check. */
export interface CheckedScaledObject extends IConstruct {
  readonly release: KedaRelease;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly idleReplicas?: number;
}

export function checkTarget(so: CheckedScaledObject, props: ScaledObjectProps) {
  const t = props.target;
  for (const [field, value] of [['apiVersion', t.apiVersion], ['kind', t.kind], ['name', t.name]]) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw fieldError(so, `target.${field}`, value, 'must be a non-empty string');
    }
  }
  if (props.namespace !== undefined && t.namespace !== undefined && props.namespace !== t.namespace) {
    throw fieldError(so, 'namespace', props.namespace, `differs from the target's namespace ${JSON.stringify(t.namespace)}`,
      'A ScaledObject scales targets in its own namespace only; leave namespace unset');
  }
}

// CheckReplicaCountBoundsAreValid (v2.20.2:apis/keda/v1alpha1/scaledobject_types.go); the webhook
// only logged it before 2.20.0 (#7562), the controller refused it in every release.
export function checkReplicas(so: CheckedScaledObject, props: ScaledObjectProps, podless: string | undefined) {
  const int = (field: string, value: number | undefined, min: number) => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
      throw fieldError(so, field, value, `must be an integer >= ${min}`);
    }
  };
  int('minReplicas', props.minReplicas, 0);
  int('maxReplicas', props.maxReplicas, 1);
  int('idleReplicas', props.idleReplicas, 0);
  if (so.minReplicas > so.maxReplicas) {
    throw fieldError(so, 'minReplicas', so.minReplicas, `must be <= maxReplicas (${so.maxReplicas})`);
  }
  if (so.idleReplicas !== undefined && so.idleReplicas >= so.minReplicas) {
    throw fieldError(so, 'idleReplicas', so.idleReplicas, `must be < minReplicas (${so.minReplicas})`,
      props.minReplicas === undefined ? 'Set minReplicas above idleReplicas' : undefined);
  }
  if (podless !== undefined) {
    if (so.minReplicas < 1) {
      throw fieldError(so, 'minReplicas', props.minReplicas, `must be at least 1 because the target ${podless}`, 'Set minReplicas: 1 or more');
    }
    if (so.idleReplicas !== undefined && so.idleReplicas < 1) {
      throw fieldError(so, 'idleReplicas', so.idleReplicas, `must be at least 1 because the target ${podless}`);
    }
  }
}

// KEDA waits cooldownPeriod (and, while no trigger has been active yet, initialCooldownPeriod) only
// on its way to 0 or to idleReplicaCount: the executor calls scaleToZeroOrIdle only when
// idleReplicaCount is set or minReplicas is 0, and leaves every other scale-in to the HPA
// (v2.14.0 and v2.20.2:pkg/scaling/executor/scale_scaledobjects.go, RequestScale). KEDA 2.20 also
// warns at admission ("CooldownPeriod is configured but is not relevant", scaledobject_webhook.go);
// we follow the executor, which also uses the cooldown for an idleReplicaCount above 0.
export function checkCooldowns(so: CheckedScaledObject, props: ScaledObjectProps) {
  if (so.minReplicas === 0 || so.idleReplicas !== undefined) {
    return;
  }
  for (const field of ['cooldownPeriod', 'initialCooldownPeriod'] as const) {
    const value = props[field];
    if (value !== undefined) {
      throw fieldError(so, field, `${value.toSeconds({ integral: false })}s`, `has no effect with minReplicas ${so.minReplicas} and no idleReplicas: `
        + 'KEDA waits it only before scaling to 0 or to idleReplicas, and the HPA does every other scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go)',
      'Slow down scale-in with advanced.behavior.scaleDown (stabilizationWindow, policies), or set minReplicas: 0 or idleReplicas');
    }
  }
}

export function checkPause(so: CheckedScaledObject, props: ScaledObjectProps, podless: string | undefined) {
  if (props.pausedReplicas === undefined) {
    return;
  }
  if (!Number.isSafeInteger(props.pausedReplicas) || props.pausedReplicas < 0) {
    throw fieldError(so, 'pausedReplicas', props.pausedReplicas, 'must be an integer >= 0');
  }
  if (props.paused) {
    throw fieldError(so, 'pausedReplicas', props.pausedReplicas, 'cannot be combined with paused: true',
      'Use paused to keep the current replicas, or pausedReplicas to set a count');
  }
  if (podless !== undefined && props.pausedReplicas < 1) {
    throw fieldError(so, 'pausedReplicas', props.pausedReplicas, `must be at least 1 because the target ${podless}`);
  }
}

const FALLBACK_BEHAVIORS: string[] = Object.values(FallbackBehavior);

/** Rules of `fallback` alone; throws. */
export function checkFallback(so: CheckedScaledObject, fallback: ScaledObjectFallback | undefined, modifiers: ScalingModifiers | undefined,
  podless: string | undefined) {
  if (fallback === undefined) {
    return;
  }
  for (const field of ['failureThreshold', 'replicas'] as const) {
    const value = fallback[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw fieldError(so, `fallback.${field}`, value, 'must be an integer >= 0');
    }
  }
  if (podless !== undefined && fallback.replicas < 1) {
    throw fieldError(so, 'fallback.replicas', fallback.replicas, `must be at least 1 because the target ${podless}`);
  }
  const behavior = fallback.behavior;
  if (behavior === undefined) {
    return;
  }
  if (!FALLBACK_BEHAVIORS.includes(behavior)) {
    throw fieldError(so, 'fallback.behavior', behavior, `is not one of ${FALLBACK_BEHAVIORS.join(', ')}`);
  }
  const byFormula = behavior === FallbackBehavior.SCALING_MODIFIERS;
  const gate = so.release._versionRule(byFormula ? 'fallbackBehaviorScalingModifiers' : 'fallbackBehavior');
  if (gate) {
    throw fieldError(so, 'fallback.behavior', behavior, gate.rule, gate.hint);
  }
  if (byFormula && modifiers === undefined) {
    throw fieldError(so, 'fallback.behavior', behavior, 'needs advanced.scalingModifiers', 'Set a scalingModifiers formula or use another behavior');
  }
}

const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Rules of `advanced.scalingModifiers` alone; throws. */
export function checkScalingModifiers(so: CheckedScaledObject, m: ScalingModifiers | undefined, hasFallback: boolean, podless: string | undefined) {
  if (m === undefined) {
    return;
  }
  if (typeof m.formula !== 'string' || m.formula.trim() === '') {
    throw fieldError(so, 'advanced.scalingModifiers.formula', m.formula, 'must be a non-empty expression', 'For example "(lag + queue) / 2" over trigger names');
  }
  if (typeof m.target !== 'string' || !FLOAT.test(m.target.trim()) || !(Number(m.target) > 0)) {
    throw fieldError(so, 'advanced.scalingModifiers.target', m.target, 'must be a number > 0', 'For example "10"');
  }
  if (m.activationTarget !== undefined && (typeof m.activationTarget !== 'string' || !FLOAT.test(m.activationTarget.trim()))) {
    throw fieldError(so, 'advanced.scalingModifiers.activationTarget', m.activationTarget, 'must be a number');
  }
  if (m.metricType === MetricType.UTILIZATION) {
    throw fieldError(so, 'advanced.scalingModifiers.metricType', m.metricType, 'must be AverageValue or Value');
  }
  if (m.metricType === MetricType.VALUE && podless !== undefined) {
    throw fieldError(so, 'advanced.scalingModifiers.metricType', m.metricType, `cannot be used because the target ${podless}: the HPA counts pods for Value targets`,
      'Use AverageValue');
  }
  if (m.metricType === MetricType.VALUE && hasFallback) {
    const gate = so.release._versionRule('fallbackWithValueMetric');
    if (gate) {
      throw fieldError(so, 'advanced.scalingModifiers.metricType', m.metricType, `with fallback ${gate.rule}`, 'Use AverageValue, or KEDA 2.18.0 or later');
    }
  }
}
