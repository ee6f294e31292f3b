import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ChartObjects, declarePlatform, declareRaw, readReleases, renderCharts, UPSTREAM } from './declare';
import { KedaRelease, StrimziCrds, StrimziRelease } from '../src';

// What one child process of the benchmark measures. Every child starts fresh (no shared heap or JIT);
// the parent interleaves, repeats and summarizes.

/** The three ways of writing the same files: the library, raw ApiObjects, and YAML alone. */
export type Way = 'library' | 'raw' | 'floor';

/** One round of one way: milliseconds to build the tree and to synthesize (write) it. */
export interface Round {
  readonly way: Way;
  readonly build: number;
  readonly synth: number;
  readonly total: number;
}

/** What a `rounds` child reports for one size. */
export interface RoundsResult {
  readonly n: number;
  readonly objects: number;
  readonly yamlBytes: number;
  readonly rounds: Round[];
}

/** The phase the child is in, written to stderr so that the parent can say where a crash or hang was. */
export function phase(text: string) {
  process.stderr.write(`phase: ${text}\n`);
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function time<T>(fn: () => T): [T, number] {
  const start = now();
  const value = fn();
  return [value, now() - start];
}

const gc: (() => void) | undefined = (globalThis as any).gc;

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-strimzi-keda-bench-'));
}

function bytesIn(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

// Writes the rendered documents to the files cdk8s would write, with cdk8s's own serializer: the
// least any cdk8s app pays for this output.
function writeYaml(charts: ChartObjects[], outdir: string): void {
  fs.mkdirSync(outdir, { recursive: true });
  charts.forEach(({ id, objects }, i) => Yaml.save(path.join(outdir, `${String(i).padStart(4, '0')}-${id}.k8s.yaml`), objects));
}

/**
 * `repeats` rounds of each way at size `n`, interleaved, the order rotated every repetition so
 * that no way always runs first (cold) or after the same neighbour. Each library and raw round is
 * what a user's `cdk8s synth` runs: declare the tree, then `app.synth()` writing files.
 */
export function measureRounds(n: number, repeats: number): RoundsResult {
  phase('read releases and render the baseline\'s objects');
  const releases = readReleases();
  const charts = renderCharts(declarePlatform(releases, n));
  const ways: Way[] = ['library', 'raw', 'floor'];
  const rounds = new Array<Round>();
  let yamlBytes = 0;
  for (let rep = 0; rep < repeats; rep++) {
    for (const way of [...ways.slice(rep % 3), ...ways.slice(0, rep % 3)]) {
      const outdir = scratch();
      gc?.();
      phase(`${way} (N=${n}, repetition ${rep + 1})`);
      const [app, build] = way === 'floor' ? [undefined, 0]
        : time(() => (way === 'library' ? declarePlatform(releases, n, outdir) : declareRaw(charts, outdir)));
      const synth = time(() => (app ? app.synth() : writeYaml(charts, outdir)))[1];
      rounds.push({ way, build, synth, total: build + synth });
      yamlBytes = way === 'library' ? bytesIn(outdir) : yamlBytes;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return { n, objects: charts.reduce((sum, c) => sum + c.objects.length, 0), yamlBytes, rounds };
}

/** What an `rss` child reports: peak RSS of one synthesis in this fresh process. */
export interface RssResult {
  readonly n: number;
  readonly way: 'library' | 'raw';
  /** Peak RSS of the process, MB. */
  readonly peakMb: number;
  /**
   * RSS before the declaration, MB: Node, ts-node and the modules, then what the way reads (the
   * library the two releases, raw the rendered objects it is given).
   */
  readonly beforeMb: number;
}

/** Renders the library's objects for `n` connectors into `file` (JSON), the input of the raw `rss` children. */
export function writeCharts(n: number, file: string): void {
  fs.writeFileSync(file, JSON.stringify(renderCharts(declarePlatform(readReleases(), n))));
}

/**
 * Declares `n` connectors and synthesizes once, as `cdk8s synth` does: the library after reading
 * the releases, or raw ApiObjects of the objects in `chartsFile` (from `writeCharts`).
 */
export function measureRss(n: number, way: 'library' | 'raw', chartsFile?: string): RssResult {
  // What each way reads before it declares anything: the releases, or the rendered objects.
  let declare: (outdir: string) => App;
  if (way === 'library') {
    const releases = readReleases();
    declare = outdir => declarePlatform(releases, n, outdir);
  } else {
    const charts: ChartObjects[] = JSON.parse(fs.readFileSync(chartsFile!, 'utf8'));
    declare = outdir => declareRaw(charts, outdir);
  }
  const beforeMb = process.memoryUsage().rss / 2 ** 20;
  const outdir = scratch();
  try {
    declare(outdir).synth();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return { n, way, peakMb: process.resourceUsage().maxRSS / 1024, beforeMb };
}

/**
 * Milliseconds to load a release, cold (first call in a fresh process, modules already loaded):
 * `library` reads the Strimzi 1.2.0 install folder, emits its patched CRDs and reads the KEDA
 * 2.20.2 CRDs; `yaml` parses the same files with the `yaml` package, as cdk8s's Yaml.load does.
 */
export function measureLoad(way: 'library' | 'yaml'): number {
  const strimzi = path.join(UPSTREAM, 'strimzi', '1.2.0', 'install');
  const keda = path.join(UPSTREAM, 'keda', '2.20.2', 'crds');
  const chart = new Chart(Testing.app(), 'load');
  return time(() => {
    if (way === 'library') {
      new StrimziCrds(chart, 'crds', { release: StrimziRelease.fromDirectory(strimzi) });
      KedaRelease.of('2.20.2', { crdsDirectory: keda });
      return;
    }
    for (const dir of [strimzi, keda]) {
      for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort()) {
        parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf-8'), { version: '1.1' }).map(d => d.toJSON());
      }
    }
  })[1];
}
