import { isDeepStrictEqual } from 'util';
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import { declarePlatform, readReleases } from './declare';

/** Milliseconds of the phases of one size; each is the median over the repetitions. */
export interface Phases {
  readonly build: number;
  readonly synth: number;
  readonly yaml: number;
  readonly total: number;
}

/** What one child process reports for one size. */
export interface SizeResult {
  readonly n: number;
  readonly repeats: number;
  readonly objects: number;
  readonly yamlBytes: number;
  readonly readReleaseMs: number;
  readonly library: Phases;
  readonly baseline: Phases;
  /** One pass of every construct's validations (cdk8s runs one per chart it synthesizes). */
  readonly validatePassMs: number;
  /** Peak RSS after the library runs (before the baseline), MB. */
  readonly peakRssMb: number;
  /** Heap used after synth (after a GC, app and manifests still alive), MB. */
  readonly heapAfterSynthMb: number;
  /**
   * Whether the baseline emitted the library's objects. Deep equality, not bytes: the library's
   * JSON patch on the KafkaConnector CRD appends keys after cdk8s sorted them, the baseline sorts them.
   */
  readonly sameObjects: boolean;
}

/** The phase the child is in, written to stderr so that the parent can say where a crash or hang was. */
function phase(text: string) {
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medians(runs: Array<Omit<Phases, 'total'>>): Phases {
  const build = median(runs.map(r => r.build));
  const synth = median(runs.map(r => r.synth));
  const yaml = median(runs.map(r => r.yaml));
  return { build, synth, yaml, total: median(runs.map(r => r.build + r.synth + r.yaml)) };
}

// What `app.synth()` does per chart, without writing files: the charts in the app's (dependency)
// order, each rendered by cdk8s (`Testing.synth` = `chart.toJson()`, which resolves the app's
// dependencies and runs all validations each time).
function synthesize(app: App): any[] {
  return app.charts.flatMap(chart => Testing.synth(chart));
}

const gc: (() => void) | undefined = (globalThis as any).gc;

/**
 * Measures one size: the library (build, synth, YAML) and the baseline (the same objects as raw
 * ApiObjects in one chart), each `maxRepeats` times or fewer when a repetition would overrun
 * `budgetMs` (at least once).
 */
export function measureSize(n: number, maxRepeats: number, budgetMs: number): SizeResult {
  const started = now();
  phase('read releases');
  const [releases, readReleaseMs] = time(readReleases);

  const runs = new Array<Omit<Phases, 'total'>>();
  let objects: any[] = [];
  let yaml = '';
  let heapAfterSynthMb = 0;
  let validatePassMs = 0;
  for (let rep = 1; rep <= maxRepeats; rep++) {
    phase(`library build (N=${n}, rep ${rep})`);
    const [app, build] = time(() => declarePlatform(releases, n));
    phase(`library synth (N=${n}, rep ${rep}; build took ${build.toFixed(0)} ms)`);
    const [synthesized, synth] = time(() => synthesize(app));
    if (rep === 1) {
      gc?.();
      heapAfterSynthMb = process.memoryUsage().heapUsed / 2 ** 20;
      phase(`one validation pass (N=${n})`);
      validatePassMs = time(() => app.node.findAll().forEach(c => c.node.validate()))[1];
    }
    phase(`library yaml (N=${n}, rep ${rep}; synth took ${synth.toFixed(0)} ms)`);
    const [text, yamlMs] = time(() => Yaml.stringify(...synthesized));
    runs.push({ build, synth, yaml: yamlMs });
    objects = synthesized;
    yaml = text;
    const elapsed = now() - started;
    const perRep = (elapsed - readReleaseMs) / rep;
    if (elapsed + perRep * 1.5 > budgetMs) {
      break; // the baseline needs some time too
    }
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  // The baseline gets its own copy of the objects (cloned outside the timings), as plain data.
  const baselineRuns = new Array<Omit<Phases, 'total'>>();
  let sameObjects = true;
  for (let rep = 1; rep <= runs.length; rep++) {
    const copies = structuredClone(objects);
    phase(`baseline build (N=${n}, rep ${rep})`);
    const [chart, build] = time(() => {
      const c = new Chart(new App({ outdir: 'bench-unused' }), 'raw');
      copies.forEach((obj, i) => new ApiObject(c, `o${i}`, obj));
      return c;
    });
    phase(`baseline synth (N=${n}, rep ${rep})`);
    const [synthesized, synth] = time(() => Testing.synth(chart));
    phase(`baseline yaml (N=${n}, rep ${rep})`);
    const [text, yamlMs] = time(() => Yaml.stringify(...synthesized));
    baselineRuns.push({ build, synth, yaml: yamlMs });
    sameObjects &&= text.length === yaml.length && isDeepStrictEqual(synthesized, objects);
  }

  return {
    n,
    repeats: runs.length,
    objects: objects.length,
    yamlBytes: Buffer.byteLength(yaml),
    readReleaseMs,
    library: medians(runs),
    baseline: medians(baselineRuns),
    validatePassMs,
    peakRssMb,
    heapAfterSynthMb,
    sameObjects,
  };
}
