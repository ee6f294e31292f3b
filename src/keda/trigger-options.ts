import { KedaRelease } from './release';
import { KedaFeature } from './release-facts';
import { ClusterTriggerAuthentication, TriggerAuthentication } from './trigger-authentication';
import { ITriggerAuthentication, PodIdentityProvider, TRIGGER_AUTHENTICATION_SHAPE } from './trigger-authentication-props';
import { describeValue, fieldMessage } from '../common/field-errors';
import { BOOLEAN, Fields, STRING } from '../common/input-shape';

/** How the HPA compares a trigger's metric with its target (`triggers[].metricType`). */
export enum MetricType {
  /** The metric divided by the current replica count is compared with the target (KEDA's default). */
  AVERAGE_VALUE = 'AverageValue',
  /** The metric itself is compared with the target. */
  VALUE = 'Value',
  /** A percentage of the pods' resource requests; cpu and memory triggers only. */
  UTILIZATION = 'Utilization',
}

/** Settings every event trigger (all but cpu and memory) has. */
export interface TriggerOptions {
  /**
   * Name of the trigger, unique in its ScaledObject; needed to use it in a scalingModifiers formula.
   *
   * @default - no name
   */
  readonly name?: string;

  /**
   * How the HPA compares the metric with the target; `UTILIZATION` is for cpu and memory only.
   *
   * @default - KEDA's default, AverageValue (emitted explicitly when the ScaledObject has a fallback)
   */
  readonly metricType?: MetricType;

  /**
   * Answer the HPA's metric requests from the value of the last poll instead of asking the source.
   *
   * @default false
   */
  readonly useCachedMetrics?: boolean;

  /**
   * Where credentials and secret connection settings come from.
   *
   * @default - no authentication
   */
  readonly authentication?: ITriggerAuthentication;
}

/** What the rules of one trigger may look at, given by the ScaledObject it is added to. */
export interface TriggerContext {
  readonly release: KedaRelease;
  /** Field prefix in messages, for example `triggers[0]`. */
  readonly field: string;
}

// The members of the enums triggers are checked against, listed once (every trigger checks several).
const membersOf = new WeakMap<object, string[]>();

function enumValues(enumObject: object): string[] {
  let values = membersOf.get(enumObject);
  if (!values) {
    values = Object.values(enumObject) as string[];
    membersOf.set(enumObject, values);
  }
  return values;
}

/** Collects `<field>: <value> <rule>. <hint>` messages for one trigger. */
export class TriggerReport {
  public readonly messages = new Array<string>();

  constructor(public readonly context: TriggerContext) {}

  public get release(): KedaRelease {
    return this.context.release;
  }

  public add(field: string, value: unknown, rule: string, hint?: string): void {
    this.messages.push(fieldMessage(`${this.context.field}.${field}`, value, rule, hint));
  }

  /** Reports `field` when the release lacks `feature`. */
  public requires(field: string, value: unknown, feature: KedaFeature): void {
    const gate = this.release._versionRule(feature);
    if (gate) {
      this.add(field, value, gate.rule, gate.hint);
    }
  }

  /** Reports a non-integer or an integer below `min`. */
  public integer(field: string, value: number | undefined, min: number): void {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
      this.add(field, value, min === 1 ? 'must be an integer > 0' : `must be an integer >= ${min}`);
    }
  }

  /** Reports a value that is not a finite number, or not above/at least `min`. */
  public number(field: string, value: number | undefined, min: number, exclusive: boolean): void {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < min || (exclusive && value === min))) {
      this.add(field, value, `must be a number ${exclusive ? '>' : '>='} ${min}`);
    }
  }

  /** Reports an empty or non-string value. */
  public text(field: string, value: string | undefined, required: boolean): void {
    if ((value === undefined && required) || (value !== undefined && (typeof value !== 'string' || value.trim() === ''))) {
      this.add(field, value, 'must be a non-empty string');
    }
  }

  /** Reports a value that is not a member of `enumObject`. */
  public member(field: string, value: string | undefined, enumObject: object): void {
    const allowed = enumValues(enumObject);
    if (value !== undefined && !allowed.includes(value)) {
      this.add(field, value, `is not one of ${allowed.map(v => describeValue(v)).join(', ')}`);
    }
  }
}

/** What is known about a trigger's authentication. */
export interface AuthInfo {
  /** Whether there is any. */
  readonly present: boolean;
  /**
   * Whether the parameters it provides are known: a TriggerAuthentication or ClusterTriggerAuthentication
   * of this app, unless its parameters come from a file; not one referred to by name.
   */
  readonly known: boolean;
  readonly parameters: string[];
  readonly podIdentityProvider?: PodIdentityProvider;
}

export function authInfo(auth: ITriggerAuthentication | undefined): AuthInfo {
  if (auth instanceof TriggerAuthentication || auth instanceof ClusterTriggerAuthentication) {
    const parameters = auth._parameters;
    return { present: true, known: parameters !== undefined, parameters: parameters ?? [], podIdentityProvider: auth._podIdentityProvider };
  }
  return { present: auth !== undefined, known: false, parameters: [] };
}

/** The type-specific part of a trigger, built by the factories of `ScalerTrigger`. */
export interface TriggerDefinition {
  readonly type: string;
  readonly metadata: { [key: string]: string };
  readonly options: TriggerOptions;
  /** cpu or memory: a Resource metric of the pods, not an External one. */
  readonly resource?: boolean;
  readonly check?: (report: TriggerReport, auth: AuthInfo) => void;
}

/** Trigger metadata is map[string]string (kedacore/keda apis/keda/v1alpha1/scaletriggers_types.go): every value is rendered as a string. */
export function metadataValue(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/** Metadata with the defined entries of `entries`, in order, as strings. */
export function metadataOf(entries: { [key: string]: string | number | boolean | undefined }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const key in entries) {
    const value = entries[key];
    if (value !== undefined && Object.prototype.hasOwnProperty.call(entries, key)) {
      out[key] = metadataValue(value);
    }
  }
  return out;
}

/**
 * The shapes of the fields of `TriggerOptions`. Enum members and metadata values are left to the
 * trigger rules, which report them with the other rules of the trigger at addTrigger().
 */
export const TRIGGER_OPTIONS_FIELDS: Fields = {
  name: STRING,
  metricType: STRING,
  useCachedMetrics: BOOLEAN,
  authentication: TRIGGER_AUTHENTICATION_SHAPE,
};
