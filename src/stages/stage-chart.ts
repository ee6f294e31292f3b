import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { byApplyOrder } from './apply-order';
import { applySizeError, isSizeAware } from './apply-size';
import { chartOf, objectsInWriteOrder } from './chart-order';
import { CrdSchemaSet } from './crd-schema';
import { runSynthesis, Synthesis, synthesisOf } from './synthesis';
import { pathMessage } from '../common/field-errors';
import { Manifest } from '../common/manifest';

/**
 * A chart for one stage of the platform: its objects come out in apply order by kind (then in
 * dependency and creation order), and synthesis fails for objects too large for client-side apply
 * and for objects the CRDs of the platform's releases reject (for example a mistyped `addOverride`).
 *
 * The checks need rendered objects, so the chart renders them in its validation and reports what
 * is wrong together with the other validation errors of the app; `app.synth()` then writes what
 * was rendered (see synthesis.ts). They run in every output mode of cdk8s, including
 * FOLDER_PER_CHART_FILE_PER_RESOURCE, which renders objects without `chart.toJson()`.
 *
 * `toJson()` returns the stage's rendered, checked manifests in apply order.
 */
export class StageChart extends Chart {
  private schemas?: (synthesis: Synthesis) => CrdSchemaSet[];
  private dependencyListener?: (source: IConstruct, target: IConstruct) => void;
  private readonly decorators = new Array<(manifest: Manifest) => void>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.validateRendered() });
  }

  /**
   * Validates the rendered objects against these CRD schemas.
   * @internal
   */
  public _validateAgainst(schemas: (synthesis: Synthesis) => CrdSchemaSet[]): void {
    this.schemas = schemas;
  }

  /**
   * Tells `listener` about every dependency of a construct of this chart on a construct of another
   * chart, each time the chart renders its objects in a synthesis.
   * @internal
   */
  public _watchDependencies(listener: (sourceChart: IConstruct, target: IConstruct) => void): void {
    this.dependencyListener = listener;
  }

  /**
   * Changes every rendered object before it is checked (for example the annotations of a GitOps flavour).
   * @internal
   */
  public _decorate(decorator: (manifest: Manifest) => void): void {
    this.decorators.push(decorator);
  }

  public toJson(): Manifest[] {
    const synthesis = synthesisOf(this);
    if (synthesis === undefined || synthesis.only !== undefined) {
      // Outside app.synth(): cdk8s resolves and validates the app (checking this chart), then renders it.
      const manifests = runSynthesis(this.node.root, new Synthesis(this), () => super.toJson());
      return byApplyOrder(manifests.map(m => this.decorated(m)));
    }
    // In app.synth(), cdk8s has validated the app (which rendered and checked this chart) and resolved
    // its dependencies: write what was rendered, in cdk8s's order (`chartToKube` in cdk8s-core app.ts).
    if (!synthesis.checked.has(this)) {
      const errors = this.renderAndCheck(synthesis);
      if (errors.length > 0) {
        throw new Error(errors.map(e => pathMessage(this, e)).join('\n'));
      }
    }
    // Each object is written once: hand it over, so that it is garbage once cdk8s has written it.
    const order = synthesis.writeOrder.get(this) ?? objectsInWriteOrder(this);
    return byApplyOrder(order.map(o => synthesis.take(o) ?? this.decorated(o.toJson())));
  }

  // The chart's validation: renders and checks its objects when a synthesis renders this chart.
  private validateRendered(): string[] {
    const synthesis = synthesisOf(this);
    if (synthesis === undefined || (synthesis.only !== undefined && synthesis.only !== this) || synthesis.checked.has(this)) {
      return [];
    }
    const errors = this.renderAndCheck(synthesis);
    // One message, so that its lines stay together; cdk8s puts `[<chart path>] ` before the first.
    return errors.length === 0 ? [] : [errors.join(`\n[${this.node.path}] `)];
  }

  /** Renders the chart's objects into the synthesis and returns what is wrong with them. */
  private renderAndCheck(synthesis: Synthesis): string[] {
    synthesis.checked.add(this);
    const sizeErrors = new Array<string>();
    const schemaErrors = new Array<string>();
    const sets = this.schemas?.(synthesis) ?? [];
    const { objects, dependencies } = this.ownObjects();
    if (!dependencies) {
      // Nothing in the chart depends on anything: cdk8s writes its objects in creation order.
      synthesis.writeOrder.set(this, objects);
    }
    for (const obj of objects) {
      let manifest: Manifest;
      try {
        manifest = this.decorated(obj.toJson());
      } catch {
        continue; // rendering fails again, with its own error, when the chart is written
      }
      synthesis.rendered.set(obj, manifest);
      const tooLarge = applySizeError(manifest, isSizeAware(obj), this.decorators.length === 0);
      if (tooLarge !== undefined) {
        sizeErrors.push(`${manifest.kind} "${manifest.metadata?.name}" (${obj.node.path}): ${tooLarge}`);
      }
      for (const set of sets) {
        if (set.serves(manifest)) {
          for (const e of set.errors(manifest)) {
            schemaErrors.push(`${manifest.kind} "${manifest.metadata?.name}" (${obj.node.path}): ${e}`);
          }
          break;
        }
      }
    }
    return sizeErrors.concat(schemaErrors);
  }

  private decorated(manifest: Manifest): Manifest {
    for (const decorate of this.decorators) {
      decorate(manifest);
    }
    return manifest;
  }

  /**
   * The ApiObjects this chart writes (those of nested charts are theirs), in creation order, and
   * whether any construct below the chart (or the chart) has dependencies or is a nested chart;
   * reports the dependencies that leave a chart to the listener on the way.
   */
  private ownObjects(): { objects: ApiObject[]; dependencies: boolean } {
    const objects = new Array<ApiObject>();
    let dependencies = false;
    const visit = (c: IConstruct, chart: IConstruct) => {
      for (const d of c.node.dependencies) {
        dependencies = true;
        if (chartOf(d) !== chart) {
          this.dependencyListener?.(chart, d);
        }
      }
      if (chart === this && ApiObject.isApiObject(c)) {
        objects.push(c);
      }
      for (const child of c.node.children) {
        const nested = Chart.isChart(child);
        dependencies ||= nested;
        visit(child, nested ? child : chart);
      }
    };
    visit(this, this);
    return { objects, dependencies };
  }
}
