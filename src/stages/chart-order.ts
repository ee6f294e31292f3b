import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** The chart a construct is written in (the nearest chart above it, or itself), if any. */
export function chartOf(construct: IConstruct): IConstruct | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    if (Chart.isChart(c)) {
      return c;
    }
  }
  return undefined;
}

/**
 * The chart's ApiObjects in the order cdk8s writes them: a depth-first walk of the dependency graph
 * of the chart's constructs, dependencies first, starting from the constructs nothing depends on,
 * in creation order (cdk8s-core src/dependency.ts `DependencyGraph`, src/app.ts `chartToKube`).
 *
 * The same walk, with the vertices keyed by construct instead of by path (cdk8s builds the path
 * string of every construct of the chart for it), and without the cycle check: `app.synth()` has
 * ordered all charts with the same dependencies before it writes them, and reports cycles there.
 */
export function objectsInWriteOrder(chart: Chart): ApiObject[] {
  const all = chart.node.findAll();
  const inChart = new Set<IConstruct>(all);
  const dependencies = new Map<IConstruct, Set<IConstruct>>();
  const dependedOn = new Set<IConstruct>();
  for (const c of all) {
    for (const d of c.node.dependencies) {
      if (inChart.has(d)) { // cdk8s ignores dependencies that leave the chart
        dependencies.set(c, (dependencies.get(c) ?? new Set<IConstruct>()).add(d));
        dependedOn.add(d);
      }
    }
  }
  const order = new Array<ApiObject>();
  const visited = new Set<IConstruct>();
  const visit = (c: IConstruct) => {
    if (visited.has(c)) {
      return;
    }
    visited.add(c);
    for (const d of dependencies.get(c) ?? []) {
      visit(d);
    }
    if (ApiObject.isApiObject(c) && chartOf(c) === chart) {
      order.push(c);
    }
  };
  for (const c of all) {
    if (!dependedOn.has(c)) {
      visit(c);
    }
  }
  return order;
}
