import { ApiObject, ApiObjectProps, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { StrimziRelease } from './release';
import { strimziApiVersion } from './release-facts';
import { addValidation, describeValue, fieldError } from '../common/field-errors';
import { checkInput, forbiddenKey, JSON_VALUE, kindOf, Shape, STRING } from '../common/input-shape';
import { metadataErrors } from '../common/k8s-names';
import { checkNoLiteralSecrets } from '../common/literal-secrets';
import { JsonObject, Manifest } from '../common/manifest';
import { SizeAwareApiObject } from '../stages/apply-size';

const resourcesByChart = new WeakMap<Chart, StrimziResource[]>();

/** What every Strimzi custom resource construct passes to `StrimziResource`. */
export interface StrimziResourceProps {
  /** The kind, for example `KafkaTopic`. */
  readonly kind: string;
  /** metadata.name */
  readonly name: string;
  /** metadata.namespace */
  readonly namespace: string;
  /** The release whose API version to use. */
  readonly release: StrimziRelease;
  /**
   * Labels, for example `strimzi.io/cluster`.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

// Path segments that reach an object's prototype when used as a property name: `__proto__.x` would
// set `x` on every object of the process.
const OBJECT_PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * The shape of a Strimzi resource of `kind` (Kafka, KafkaConnect, ...), recognised by its kind, since
 * the modules of the resources import each other's types only.
 */
export function strimziResourceShape(kind: string, made: string): Shape {
  return (v, f) => (v instanceof StrimziResource && v.kind === kind ? undefined
    : { field: f, value: v, rule: `must be a ${kind}, not ${kindOf(v)}`, hint: `Make it with ${made}` });
}

/**
 * A Strimzi custom resource, rendered when the app is synthesized (so `addX()` calls made after
 * construction are included), in the API version the release serves: `kafka.strimzi.io/v1` from
 * Strimzi 0.49, `kafka.strimzi.io/v1beta2` before.
 *
 * Escape hatches for what is not modeled: `addOverride()` sets any field of the rendered object,
 * and `apiObject.addJsonPatch()` applies RFC 6902 operations.
 */
export abstract class StrimziResource extends Construct {
  /**
   * The Strimzi resources written in a chart, in creation order (found without walking the tree,
   * which holds several constructs per resource).
   * @internal
   */
  public static _inChart(chart: Chart): readonly StrimziResource[] {
    return resourcesByChart.get(chart) ?? [];
  }

  /** metadata.name */
  public readonly name: string;

  /** metadata.namespace */
  public readonly namespace: string;

  /** The kind, for example `KafkaTopic`. */
  public readonly kind: string;

  /** The emitted object (`ApiObject.of(this)` returns it too). */
  public readonly apiObject: ApiObject;

  /** The Strimzi release whose API the resource uses. */
  public readonly release: StrimziRelease;

  private readonly overrides = new Array<{ path: string[]; value: any }>();
  private readonly ownLabels: { [key: string]: string };
  private readonly ownAnnotations: { [key: string]: string };

  protected constructor(scope: Construct, id: string, props: StrimziResourceProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace;
    this.kind = props.kind;
    this.release = props.release;
    this.ownLabels = props.labels ?? {};
    this.ownAnnotations = props.annotations ?? {};
    const chart = Chart.of(this);
    const inChart = resourcesByChart.get(chart) ?? [];
    inChart.push(this);
    resourcesByChart.set(chart, inChart);
    this.apiObject = new OverridableApiObject(this, 'Resource', {
      apiVersion: `kafka.strimzi.io/${strimziApiVersion(props.release._version)}`,
      kind: props.kind,
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: props.labels } : {}),
        ...(props.annotations ? { annotations: props.annotations } : {}),
      },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    }, this.overrides);
  }

  /**
   * Sets a field of the emitted object that this construct does not model, after rendering.
   * Path segments are separated by `.`; write `\.` for a dot inside a key. Secrets written
   * literally in the value are refused, as in `config`.
   *
   * @example kafka.addOverride('spec.kafka.template.pod.priorityClassName', 'kafka')
   * @param path where to set the value, for example `spec.kafka.template`
   * @param value the value (objects replace what was rendered at that path; `undefined` removes it)
   */
  public addOverride(path: string, value: any): void {
    checkInput(this, 'addOverride path', path, STRING);
    const segments = path.split(/(?<!\\)\./).map(s => s.replace(/\\\./g, '.'));
    if (segments.some(s => s.length === 0) || ['apiVersion', 'kind'].includes(segments[0])) {
      throw fieldError(this, 'addOverride path', path, 'must be a dot-separated path below the object root, not apiVersion or kind',
        'For example \'spec.template.pod.tolerations\'');
    }
    for (const segment of segments) {
      const why = OBJECT_PROTOTYPE_KEYS.includes(segment) ? 'would reach JavaScript\'s object prototype, not a field (prototype pollution)' : forbiddenKey(segment);
      if (why) {
        throw fieldError(this, 'addOverride path', path, `has the segment ${JSON.stringify(segment)}, which ${why}`,
          'No Kubernetes field has this name');
      }
    }
    this.checkMetadataOverride(path, segments);
    checkInput(this, `addOverride(${JSON.stringify(path)}) value`, value, JSON_VALUE, false);
    checkNoLiteralSecrets(this, `addOverride(${JSON.stringify(path)}) value`, segments[segments.length - 1], value);
    if (segments[0] === 'metadata' && !this.overrides.some(o => o.path[0] === 'metadata')) {
      addValidation(this, () => metadataErrors(this.apiObject.toJson().metadata, describeValue));
    }
    // Copied now, so that what was checked is what is written.
    this.overrides.push({ path: segments, value: value === undefined ? undefined : structuredClone(value) });
  }

  /** The `spec` of the emitted object. */
  protected abstract renderSpec(): JsonObject;

  // Name, namespace and the labels and annotations the construct sets are what operators and other
  // objects find it by (a connector's strimzi.io/cluster label, a topic's name in a connector): an
  // override would leave them pointing at an object that is not emitted.
  private checkMetadataOverride(path: string, segments: string[]) {
    if (segments[0] !== 'metadata') {
      return;
    }
    const [, field, key] = segments;
    const own = field === 'labels' ? this.ownLabels : field === 'annotations' ? this.ownAnnotations : undefined;
    if (field === undefined || field === 'name' || field === 'namespace' || (own && key === undefined && Object.keys(own).length > 0)) {
      throw fieldError(this, 'addOverride path', path, `would change ${segments.join('.')}, which the construct sets and other objects refer to`,
        field === 'name' ? 'Set the construct\'s name property' : field === 'namespace' ? 'Set the namespace of the Kafka cluster (KafkaOptions.namespace)'
          : 'Override single keys, such as metadata.labels.team (write \\. for a dot in a key)');
    }
    if (own && key !== undefined && segments.length === 3 && Object.prototype.hasOwnProperty.call(own, key)) {
      throw fieldError(this, 'addOverride path', path, `would change the ${field === 'labels' ? 'label' : 'annotation'} ${key}, which the construct sets `
        + `to ${JSON.stringify(own[key])} and Strimzi reads`, 'Leave it to the construct');
    }
  }
}

/**
 * An ApiObject that applies `addOverride()` values to its rendered JSON, before its size is measured
 * for the server-side apply marking.
 */
class OverridableApiObject extends SizeAwareApiObject {
  constructor(scope: Construct, id: string, props: ApiObjectProps,
    private readonly overrides: Array<{ path: string[]; value: any }>) {
    super(scope, id, props);
  }

  protected renderJson(): Manifest {
    const json = super.renderJson();
    for (const { path, value } of this.overrides) {
      let node = json;
      for (const key of path.slice(0, -1)) {
        // Own properties only: `spec.toString` is a new field, not Object.prototype.toString.
        const child = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
        if (child === null || typeof child !== 'object') {
          node[key] = {};
        }
        node = node[key];
      }
      const last = path[path.length - 1];
      if (value === undefined) {
        delete node[last];
      } else {
        node[last] = structuredClone(value);
      }
    }
    return json;
  }
}
