import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { chartsInWriteOrder } from './chart-order';
import { Manifest } from '../common/manifest';

// Why this exists: cdk8s's `App.synth()` validates the app and resolves its dependencies, then calls
// `chart.toJson()` for every chart (so that charts can hook into synthesis, cdk8s-core#1053), and
// `Chart.toJson()` resolves and validates the whole app again before it renders the chart
// (cdk8s-core src/app.ts: `synth`, `_synthChart`). With one chart per stage that is 5-6 app-wide
// passes per synthesis, and the stage checks need rendered objects: each pass would render every
// stage. So the stages render and check their objects once, in the validation of a synthesis, and
// write what they rendered. Outside `app.synth()`/`app.synthYaml()` (for example `Testing.synth(chart)`)
// a chart renders the way cdk8s does, and checks only itself.
//
// cdk8s has no hook that tells a chart it is rendered as part of `App.synth()`, so the platform
// marks the run by wrapping the `synth` and `synthYaml` methods of its App instance (never the
// prototype); during the run it also answers `app.charts` (see chart-order.ts). The upstream change
// that would remove this: `App.synth()` and `synthYaml()` render charts through an internal function
// that does not repeat `resolveDependencies()` and `validate()` per chart (proposed in
// cdk8s-core#1658 and left out of it), plus a chart hook that receives the rendered objects for
// checks, so that such checks are reported with the validation errors.

/** One synthesis: what the stage charts rendered and checked in its validation. */
export class Synthesis {
  /** The rendered objects, by the ApiObject that rendered them. */
  public readonly rendered = new Map<ApiObject, Manifest>();

  /** The order a chart's objects are written in, when it was known without cdk8s's dependencies. */
  public readonly writeOrder = new Map<Chart, ApiObject[]>();

  /** The charts whose objects were rendered and checked. */
  public readonly checked = new Set<Chart>();

  /**
   * @param only the one chart this synthesis renders (`chart.toJson()` outside `app.synth()`);
   * undefined for a whole `app.synth()` or `app.synthYaml()`
   */
  constructor(public readonly only?: Chart) {}

  /** The rendered object, forgotten by the synthesis. */
  public take(obj: ApiObject): Manifest | undefined {
    const manifest = this.rendered.get(obj);
    this.rendered.delete(obj);
    return manifest;
  }
}

const running = new WeakMap<IConstruct, Synthesis>();
const tracked = new WeakSet<IConstruct>();

/** Runs `fn` as synthesis `synthesis` of `app`. */
export function runSynthesis<T>(app: IConstruct, synthesis: Synthesis, fn: () => T): T {
  const outer = running.get(app);
  running.set(app, synthesis);
  try {
    return fn();
  } finally {
    if (outer) {
      running.set(app, outer);
    } else {
      running.delete(app);
    }
  }
}

/** The synthesis the construct's app is running, if any. */
export function synthesisOf(scope: IConstruct): Synthesis | undefined {
  return running.get(scope.node.root);
}

/** Marks every `synth()` and `synthYaml()` of the construct's app as one synthesis. */
export function trackSyntheses(scope: IConstruct): void {
  const app = scope.node.root;
  if (tracked.has(app) || !(app instanceof App)) {
    return;
  }
  tracked.add(app);
  const synth = app.synth;
  const synthYaml = app.synthYaml;
  Object.defineProperty(app, 'synth', {
    value: (): void => runSynthesis(app, new Synthesis(), () => withChartOrder(app, () => synth.call(app))),
    configurable: true,
    writable: true,
  });
  Object.defineProperty(app, 'synthYaml', {
    value: (): string => runSynthesis(app, new Synthesis(), () => withChartOrder(app, () => synthYaml.call(app))),
    configurable: true,
    writable: true,
  });
}

// During the synthesis, `app.charts` (the order cdk8s writes and numbers the charts in) is computed
// by chart-order.ts: the same order, without cdk8s's graph of every construct keyed by path.
function withChartOrder<T>(app: App, fn: () => T): T {
  if (Object.prototype.hasOwnProperty.call(app, 'charts')) {
    return fn();
  }
  Object.defineProperty(app, 'charts', { get: () => chartsInWriteOrder(app), configurable: true });
  try {
    return fn();
  } finally {
    delete (app as { charts?: Chart[] }).charts;
  }
}
