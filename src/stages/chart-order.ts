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

/**
 * The constructs below `scope` (and itself) that `keep` selects, in cdk8s's dependency order;
 * undefined on a cycle. Only the few constructs with dependencies need the depth-first walk: one
 * without dependencies that nothing depends on is a root with nothing before it, so it takes its
 * place in the walk over the roots without being tracked.
 */
function topology(scope: IConstruct, keep: (c: IConstruct) => boolean): IConstruct[] | undefined {
  const all = scope.node.findAll();
  const { dependencies, dependedOn } = dependenciesWithin(scope, all);
  const order = new Array<IConstruct>();
  let visited = 0;
  const place = (c: IConstruct): true => {
    visited++;
    if (keep(c)) {
      order.push(c);
    }
    return true;
  };
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
    return place(c);
  };
  const visitRoot = (c: IConstruct): boolean => (dependencies.has(c) ? visit(c) : place(c));
  // Only the root and its children have paths without `/`: the others cannot be keyed as an index.
  const indexed = [scope, ...scope.node.children].filter(c => !dependedOn.has(c) && keyedAsIndex(c))
    .sort((a, b) => Number(a.node.path) - Number(b.node.path));
  for (const c of indexed) {
    if (!visitRoot(c)) {
      return undefined;
    }
  }
  const first = new Set(indexed);
  for (const c of all) {
    if (!dependedOn.has(c) && !first.has(c) && !visitRoot(c)) {
      return undefined;
    }
  }
  // Constructs no walk from a root reaches lie on a cycle, or behind one.
  return visited === all.length ? order : undefined;
}

/** The dependencies of each construct on constructs below `scope` (cdk8s leaves out the others), and their targets. */
function dependenciesWithin(scope: IConstruct, all: IConstruct[]) {
  const dependencies = new Map<IConstruct, IConstruct[]>();
  const dependedOn = new Set<IConstruct>();
  for (const c of all) {
    const declared = c.node.dependencies;
    const inScope = declared.length === 0 ? declared : declared.filter(d => isWithin(d, scope));
    if (inScope.length > 0) {
      dependencies.set(c, inScope);
      inScope.forEach(d => dependedOn.add(d));
    }
  }
  return { dependencies, dependedOn };
}

/** Whether `c` is `scope` or below it. */
function isWithin(c: IConstruct, scope: IConstruct): boolean {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (s === scope) {
      return true;
    }
  }
  return false;
}

/** The charts of an app in the order `app.charts` gives (and the order cdk8s writes and numbers them in). */
export function chartsInWriteOrder(app: IConstruct): Chart[] {
  const isChart = (c: IConstruct): c is Chart => Chart.isChart(c);
  return topology(app, isChart) as Chart[] | undefined ?? new DependencyGraph(app.node).topology().filter(isChart);
}

/** The chart's ApiObjects in the order cdk8s writes them. */
export function objectsInWriteOrder(chart: Chart): ApiObject[] {
  const isOwnObject = (c: IConstruct): c is ApiObject => ApiObject.isApiObject(c) && chartOf(c) === chart;
  return topology(chart, isOwnObject) as ApiObject[] | undefined ?? new DependencyGraph(chart.node).topology().filter(isOwnObject);
}
