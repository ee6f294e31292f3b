import { ApiObject, App, Chart, DependencyGraph, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { chartsInWriteOrder, objectsInWriteOrder } from '../src/stages/chart-order';

// chart-order.ts computes the order of cdk8s's DependencyGraph without it: the same order, for any
// tree and any dependencies, or the synthesized files would change.

/** A small deterministic random number generator (Park-Miller). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 48271) % 2147483647;
    return a / 2147483647;
  };
}

/** An app of charts (some nested, some named like numbers), constructs and ApiObjects, with acyclic dependencies. */
function randomApp(seed: number): App {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const app = Testing.app();
  const created = new Array<IConstruct>();
  const charts = new Array<Chart>();
  for (let i = 0; i < 4 + Math.floor(next() * 4); i++) {
    const parent = charts.length > 0 && next() < 0.2 ? pick(charts) : app;
    const id = next() < 0.3 ? String(Math.floor(next() * 20)) : `chart${i}`;
    if (!parent.node.tryFindChild(id)) {
      charts.push(new Chart(parent, id));
    }
  }
  created.push(...charts);
  for (let i = 0; i < 60; i++) {
    const scope = pick([...charts, ...created.filter(c => !ApiObject.isApiObject(c))]);
    created.push(next() < 0.6
      ? new ApiObject(scope, `o${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `o${i}` } })
      : new Construct(scope, `c${i}`));
  }
  // Dependencies only from a higher to a lower rank: no cycles. The rank is the creation order for
  // odd seeds and random for even ones, so that constructs also depend on constructs created after them.
  const rank = created.map((_, i) => (seed % 2 === 1 ? i : next()));
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(next() * created.length);
    const b = Math.floor(next() * created.length);
    if (a !== b) {
      const [from, to] = rank[a] > rank[b] ? [a, b] : [b, a];
      created[from].node.addDependency(created[to]);
    }
  }
  return app;
}

test.each(Array.from({ length: 60 }, (_, i) => i + 1))('random app %i: the charts and each chart\'s objects come in cdk8s\'s order', (seed) => {
  const app = randomApp(seed);
  const cdk8sCharts = new DependencyGraph(app.node).topology().filter(c => Chart.isChart(c));
  expect(chartsInWriteOrder(app).map(c => c.node.path)).toEqual(cdk8sCharts.map(c => c.node.path));
  for (const chart of cdk8sCharts as Chart[]) {
    const cdk8sObjects = new DependencyGraph(chart.node).topology().filter(c => ApiObject.isApiObject(c) && Chart.of(c) === chart);
    expect(objectsInWriteOrder(chart).map(o => o.node.path)).toEqual(cdk8sObjects.map(o => o.node.path));
  }
});

test('a dependency cycle is reported by cdk8s, as without the faster order', () => {
  const app = Testing.app();
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  a.addDependency(b);
  b.addDependency(a);
  expect(() => chartsInWriteOrder(app)).toThrow(/Dependency cycle detected/);
});
