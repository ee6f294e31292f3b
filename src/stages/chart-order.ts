import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

// The order cdk8s writes charts and objects in, computed the way cdk8s computes it, faster.
//
// cdk8s orders the charts of an app with a dependency graph of every construct of the app, and the
// objects of a chart with one of every construct of the chart: a depth-first walk, dependencies
// first, starting from the constructs nothing depends on, in creation order (cdk8s-core
// src/dependency.ts `DependencyGraph`, src/app.ts `App.charts` and `chartToKube`). Its graph keys
// the vertices by construct path, so it builds the path string of every construct (and checks each
// new edge for a cycle by walking the graph): for the app that is cdk8s's largest single cost after
// YAML, and it grows with the depth of the tree as well as its size. The same walk here keys the
// vertices by construct. Where the walk finds a cycle it hands over to cdk8s's own graph, which
// reports it.
//
// The upstream change that would remove this: key `DependencyGraph` vertices by construct (a Map)
// instead of by path, and order the charts of an app by the chart-level dependencies only.

/** The chart a construct is written in (the nearest chart above it, or itself), if any. */
export function chartOf(construct: IConstruct): IConstruct | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    if (Chart.isChart(c)) {
      return c;
    }
  }
  return undefined;
}

// JavaScript objects list keys that are array indexes first, in numeric order: cdk8s's graph keeps
// its vertices in an object keyed by path, so a top-level construct named like "0" comes first.
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** Whether cdk8s's graph lists the construct first; only the root and its children have paths without `/`. */
function keyedAsIndex(c: IConstruct): boolean {
  const topLevel = c.node.scope === undefined || c.node.scope.node.scope === undefined;
  return topLevel && ARRAY_INDEX.test(c.node.path) && Number(c.node.path) < 4294967295;
}

/** The constructs below `scope` (and itself) in cdk8s's dependency order; undefined on a cycle. */
function topology(scope: IConstruct): IConstruct[] | undefined {
  const all = scope.node.findAll();
  const inScope = new Set<IConstruct>(all);
  const dependencies = new Map<IConstruct, Set<IConstruct>>();
  const dependedOn = new Set<IConstruct>();
  for (const c of all) {
    for (const d of c.node.dependencies) {
      if (inScope.has(d)) { // cdk8s leaves out dependencies on constructs outside the scope
        dependencies.set(c, (dependencies.get(c) ?? new Set<IConstruct>()).add(d));
        dependedOn.add(d);
      }
    }
  }
  const order = new Array<IConstruct>();
  const done = new Set<IConstruct>();
  const active = new Set<IConstruct>();
  const visit = (c: IConstruct): boolean => {
    if (done.has(c)) {
      return true;
    }
    if (active.has(c)) {
      return false;
    }
    active.add(c);
    for (const d of dependencies.get(c) ?? []) {
      if (!visit(d)) {
        return false;
      }
    }
    active.delete(c);
    done.add(c);
    order.push(c);
    return true;
  };
  const roots = all.filter(c => !dependedOn.has(c));
  const indexed = roots.filter(keyedAsIndex).sort((a, b) => Number(a.node.path) - Number(b.node.path));
  for (const c of [...indexed, ...roots.filter(r => !indexed.includes(r))]) {
    if (!visit(c)) {
      return undefined;
    }
  }
  // Constructs no walk from a root reaches lie on a cycle, or behind one.
  return order.length === all.length ? order : undefined;
}

/** The charts of an app in the order `app.charts` gives (and the order cdk8s writes and numbers them in). */
export function chartsInWriteOrder(app: IConstruct): Chart[] {
  const order = topology(app) ?? new DependencyGraph(app.node).topology();
  return order.filter((c): c is Chart => Chart.isChart(c));
}

/** The chart's ApiObjects in the order cdk8s writes them. */
export function objectsInWriteOrder(chart: Chart): ApiObject[] {
  const order = topology(chart) ?? new DependencyGraph(chart.node).topology();
  return order.filter((c): c is ApiObject => ApiObject.isApiObject(c) && chartOf(c) === chart);
}
