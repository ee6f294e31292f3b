import { ApiObject, Chart, Duration, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { renderHpaBehavior, wholeSeconds } from './hpa-behavior';
import { KedaRelease } from './release';
import { ScaleTarget } from './scale-target';
import { checkCooldowns, checkFallback, checkPause, checkReplicas, checkScalingModifiers, checkTarget } from './scaled-object-checks';
import { SCALED_OBJECT_PROPS_SHAPE, ScaledObjectAdvanced, ScaledObjectProps } from './scaled-object-props';
import { registerScaledObject, synthErrors } from './scaled-object-rules';
import { ClusterTriggerAuthentication, TriggerAuthentication } from './trigger-authentication';
import { MetricType } from './trigger-options';
import { ScalerTrigger } from './triggers';
import { ScaledObjectFallback } from '../autoscaling-options/scaled-object-settings';
import { addValidation, fieldError, fieldMessage, pathMessage } from '../common/field-errors';
import { checkInput, instanceOf, vacantId } from '../common/input-shape';
import { DNS_LABEL_RULE, DNS_SUBDOMAIN_RULE, isDnsLabel, isDnsSubdomain } from '../common/k8s-names';
import { JsonObject } from '../common/manifest';
import { declareSizeAware, markIfOversized } from '../stages/apply-size';

const SCALED_OBJECT = Symbol.for('cdk8s-strimzi-keda.ScaledObject');
const TRIGGER_SHAPE = instanceOf('ScalerTrigger', () => ScalerTrigger, 'ScalerTrigger.kafka(), .prometheus(), ...');

/**
 * A KEDA ScaledObject (keda.sh/v1alpha1): autoscaling of one target by triggers.
 *
 * KEDA's admission rules of `release` are checked at synth time, so a manifest KEDA would reject,
 * ignore or mis-handle is never written. Any change of a trigger setting or of a referenced
 * TriggerAuthentication's name changes `spec`, which is what makes KEDA rebuild its scalers
 * (keda#5915); the output is otherwise byte-identical between runs.
 *
 * It is the emitted ApiObject itself, not a construct around one: a platform has one per autoscaled
 * target, and every construct costs cdk8s time in each pass over the app. When its triggers make it
 * too large for client-side apply, it marks itself for server-side apply.
 */
export class ScaledObject extends ApiObject {
  /**
   * `x instanceof ScaledObject` holds for ScaledObjects only (cdk8s answers `instanceof` of every
   * ApiObject subclass with `ApiObject.isApiObject()`).
   * @internal
   */
  public static [Symbol.hasInstance](x: unknown): x is ScaledObject {
    return x !== null && typeof x === 'object' && Object.prototype.hasOwnProperty.call(x, SCALED_OBJECT);
  }

  /** The KEDA release. */
  public readonly release: KedaRelease;

  /** The target. */
  public readonly target: ScaleTarget;

  /** The namespace, if known (set, the target's or the chart's). */
  public readonly namespace?: string;

  /** Name of the HPA KEDA creates. */
  public readonly hpaName: string;

  /** Minimum replicas. */
  public readonly minReplicas: number;

  /** Maximum replicas. */
  public readonly maxReplicas: number;

  /** Idle replicas, if set. */
  public readonly idleReplicas?: number;

  /** Polling interval, if set. */
  public readonly pollingInterval?: Duration;

  /** Cooldown period, if set. */
  public readonly cooldownPeriod?: Duration;

  /** Initial cooldown period, if set. */
  public readonly initialCooldownPeriod?: Duration;

  /** The fallback, if any. */
  public readonly fallback?: ScaledObjectFallback;

  /** The advanced settings, if any. */
  public readonly advanced?: ScaledObjectAdvanced;

  /** Whether the paused annotation is set. */
  public readonly paused: boolean;

  /** Paused replicas, if set. */
  public readonly pausedReplicas?: number;

  /** The emitted object: this ScaledObject. */
  public readonly apiObject: ApiObject;

  private readonly _triggers = new Array<ScalerTrigger>();
  private renderedTriggers?: (triggers: ScalerTrigger[]) => ScalerTrigger[];
  private readonly declared: ScaledObjectProps;
  private readonly seconds: { pollingInterval?: number; cooldownPeriod?: number; initialCooldownPeriod?: number };
  private readonly behavior?: JsonObject;

  constructor(scope: Construct, id: string, props: ScaledObjectProps) {
    // The spec is rendered late, so that triggers added after construction are in it.
    const late: { so?: ScaledObject } = {};
    super(scope, vacantId(scope, id, 'ScaledObject', props, SCALED_OBJECT_PROPS_SHAPE), {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: props.name ?? id, namespace: props.namespace ?? props.target.namespace, annotations: pauseAnnotations(props) },
      spec: Lazy.any({ produce: () => late.so!.renderSpec() }),
    });
    late.so = this;
    Object.defineProperty(this, SCALED_OBJECT, { value: true });
    declareSizeAware(this);
    this.apiObject = this;
    this.declared = props;
    this.release = props.release;
    this.target = props.target;
    props.target._scalable?.markHasAutoscaler();
    const podless = props.target._podlessReason;

    this.hpaName = props.advanced?.horizontalPodAutoscalerName ?? `keda-hpa-${this.name}`;
    this.checkNames(props);
    checkTarget(this, props);
    if (props.namespace !== undefined && !isDnsLabel(props.namespace)) {
      throw fieldError(this, 'namespace', props.namespace, DNS_LABEL_RULE);
    }
    this.namespace = props.namespace ?? props.target.namespace ?? Chart.of(this).namespace;

    this.minReplicas = props.minReplicas ?? 0;
    this.maxReplicas = props.maxReplicas ?? 100;
    this.idleReplicas = props.idleReplicas;
    checkReplicas(this, props, podless);

    this.pollingInterval = props.pollingInterval;
    this.cooldownPeriod = props.cooldownPeriod;
    this.initialCooldownPeriod = props.initialCooldownPeriod;
    this.seconds = this.timingSeconds(props);
    checkCooldowns(this, props);

    this.fallback = props.fallback;
    this.advanced = props.advanced;
    checkFallback(this, props.fallback, props.advanced?.scalingModifiers, podless);
    checkScalingModifiers(this, props.advanced?.scalingModifiers, props.fallback !== undefined, podless);
    this.behavior = renderHpaBehavior(this, 'advanced.behavior', props.advanced?.behavior);

    this.paused = props.paused ?? false;
    this.pausedReplicas = props.pausedReplicas;
    checkPause(this, props, podless);

    for (const trigger of props.triggers ?? []) {
      this.addTrigger(trigger);
    }
    registerScaledObject(this);
    addValidation(this, () => synthErrors(this));
  }

  /** The triggers, in order, as emitted. */
  public get triggers(): ScalerTrigger[] {
    return this.renderedTriggers ? this.renderedTriggers([...this._triggers]) : [...this._triggers];
  }

  /**
   * Lets `replace` decide at synthesis which triggers are emitted, from the ones added (for example
   * one aggregated trigger instead of one per connector, once the connectors are known). The
   * triggers it returns must have passed `addTrigger()`'s rules.
   * @internal
   */
  public _renderTriggersWith(replace: (triggers: ScalerTrigger[]) => ScalerTrigger[]): void {
    this.renderedTriggers = replace;
  }

  /**
   * Applies RFC 6902 JSON-Patch operations to the rendered ScaledObject, for fields this construct
   * does not model.
   */
  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
  }

  /** The rendered object, marked for server-side apply when it is too large for client-side apply. */
  public toJson(): any {
    return markIfOversized(super.toJson());
  }

  /** Adds a trigger; throws if it breaks a rule of its own, of the release or of the target. */
  public addTrigger(trigger: ScalerTrigger): void {
    const field = `triggers[${this._triggers.length}]`;
    checkInput(this, field, trigger, TRIGGER_SHAPE);
    const messages = trigger._errors({ release: this.release, field }, this.target._podlessReason);
    if (this.fallback !== undefined && trigger.metricType === MetricType.VALUE) {
      const gate = this.release._versionRule('fallbackWithValueMetric');
      if (gate) {
        messages.push(fieldMessage(`${field}.metricType`, trigger.metricType, `with fallback ${gate.rule}`,
          'Use AverageValue (or leave metricType unset), or KEDA 2.18.0 or later'));
      }
    }
    const auth = trigger.authentication;
    if (auth instanceof TriggerAuthentication && auth.namespace !== undefined && this.namespace !== undefined && auth.namespace !== this.namespace) {
      messages.push(fieldMessage(`${field}.authentication`, auth.name, `is in namespace ${auth.namespace}, but the ScaledObject is in ${this.namespace}`,
        'A TriggerAuthentication must be in the ScaledObject\'s namespace; use a ClusterTriggerAuthentication to share credentials across namespaces'));
    }
    if (messages.length > 0) {
      throw new Error(messages.map(m => pathMessage(this, m)).join('\n'));
    }
    // Within one chart, write the (Cluster)TriggerAuthentication before the ScaledObject that names it,
    // so that KEDA finds it on the first reconcile.
    if ((auth instanceof TriggerAuthentication || auth instanceof ClusterTriggerAuthentication) && Chart.of(auth) === Chart.of(this)) {
      this.node.addDependency(auth);
    }
    this._triggers.push(trigger);
  }

  // KEDA 2.20.0 (keda#7762) rejects names over 63 characters, and the HPA name derived from it.
  private checkNames(props: ScaledObjectProps) {
    if (!isDnsSubdomain(this.name) || this.name.length > 63) {
      throw fieldError(this, props.name === undefined ? 'id' : 'name', this.name,
        `${DNS_SUBDOMAIN_RULE}, and KEDA allows at most 63 characters (keda#7762)`, props.name === undefined ? 'Set name' : undefined);
    }
    if (!isDnsSubdomain(this.hpaName) || this.hpaName.length > 63) {
      const field = props.advanced?.horizontalPodAutoscalerName === undefined ? 'name' : 'advanced.horizontalPodAutoscalerName';
      throw fieldError(this, field, this.name, `gives the HPA name ${JSON.stringify(this.hpaName)}, which is longer than 63 characters or not a valid name (keda#7762)`,
        'Use a name of at most 54 characters, or set advanced.horizontalPodAutoscalerName');
    }
  }

  // The timing fields hold whole seconds (int32 in KEDA's API).
  private timingSeconds(props: ScaledObjectProps) {
    const seconds = {
      pollingInterval: wholeSeconds(this, 'pollingInterval', props.pollingInterval, 1),
      cooldownPeriod: wholeSeconds(this, 'cooldownPeriod', props.cooldownPeriod, 0),
      initialCooldownPeriod: wholeSeconds(this, 'initialCooldownPeriod', props.initialCooldownPeriod, 0),
    };
    if (props.initialCooldownPeriod !== undefined) {
      this.requires('initialCooldownPeriod', `${seconds.initialCooldownPeriod}s`, 'initialCooldownPeriod');
    }
    return seconds;
  }

  private renderSpec(): JsonObject {
    const { target, fallback, advanced } = this.declared;
    const modifiers = advanced?.scalingModifiers;
    const hpaConfig = advanced?.horizontalPodAutoscalerName !== undefined || this.behavior !== undefined
      ? { name: advanced?.horizontalPodAutoscalerName, behavior: this.behavior }
      : undefined;
    return {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
      ...this.seconds,
      idleReplicaCount: this.idleReplicas,
      minReplicaCount: this.minReplicas,
      maxReplicaCount: this.maxReplicas,
      fallback: fallback && { failureThreshold: fallback.failureThreshold, replicas: fallback.replicas, behavior: fallback.behavior },
      advanced: advanced && {
        horizontalPodAutoscalerConfig: hpaConfig,
        restoreToOriginalReplicaCount: advanced.restoreToOriginalReplicaCount,
        scalingModifiers: modifiers && {
          formula: modifiers.formula,
          target: modifiers.target,
          activationTarget: modifiers.activationTarget,
          metricType: modifiers.metricType,
        },
      },
      triggers: this.triggers.map(t => t._render(this.metricTypeOf(t))),
    };
  }

  /**
   * The metricType emitted for `trigger`: the one given, else AverageValue when the ScaledObject has
   * a fallback (KEDA 2.17.0 rejects an omitted one, keda#6696; explicit AverageValue is valid on every
   * release) or a target without pods (the HPA counts pods for anything else).
   */
  private metricTypeOf(trigger: ScalerTrigger): MetricType | undefined {
    if (trigger.metricType !== undefined || trigger._isResource) {
      return trigger.metricType;
    }
    const forced = this.fallback !== undefined || this.target._podlessReason !== undefined;
    return forced ? MetricType.AVERAGE_VALUE : undefined;
  }

  private requires(field: string, value: unknown, feature: Parameters<KedaRelease['_versionRule']>[0]) {
    const gate = this.release._versionRule(feature);
    if (gate) {
      throw fieldError(this, field, value, gate.rule, gate.hint);
    }
  }
}

function pauseAnnotations(props: ScaledObjectProps): { [key: string]: string } | undefined {
  const annotations: { [key: string]: string } = {};
  if (props.paused) {
    annotations['autoscaling.keda.sh/paused'] = 'true';
  }
  if (props.pausedReplicas !== undefined) {
    annotations['autoscaling.keda.sh/paused-replicas'] = String(props.pausedReplicas);
  }
  return Object.keys(annotations).length > 0 ? annotations : undefined;
}
