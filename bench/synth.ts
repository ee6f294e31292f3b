// Synthesis benchmark: `npm run bench` (= `npx ts-node -T bench/synth.ts`) from the repository root.
//
// For each size N (BENCH_SIZES, default 1000,5000) it declares one KafkaPlatform with N topics and N
// sink connectors on one Connect cluster whose workers autoscale, with task autoscaling on every
// connector (bench/declare.ts), and times what a user's `cdk8s synth` runs: building the tree
// and `app.synth()` writing the files. Two baselines write the same files: the same objects as raw
// cdk8s ApiObjects (test/bench-baseline.test.ts shows they are the same objects), and the rendered
// documents written with cdk8s's YAML serializer alone (the floor any cdk8s app pays).
//
// Each size runs in a fresh child process, which runs BENCH_REPEATS rounds of each of the three
// (default 5 at 5,000 connectors, more for smaller sizes, up to 15: short rounds are noisier),
// interleaved and in rotated order; medians are reported, with the spread. Peak RSS is measured in
// fresh processes that synthesize once (BENCH_RSS_REPEATS, default 3, of the library and of raw
// ApiObjects each, alternating; raw reads the library's rendered objects from a JSON file), and the release
// load in fresh processes, alternating with a plain `yaml` parse of the same files
// (BENCH_LOAD_REPEATS, default 7). Times are wall-clock: on a shared machine, run it when it is
// quiet and read the spread.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { measureLoad, measureRounds, measureRss, Round, RoundsResult, RssResult, Way, writeCharts } from './measure';

const CHILD_FLAG = '--child';

function runChild(args: string[]) {
  const [mode, arg, third, fourth] = args;
  try {
    const result = mode === 'rounds' ? measureRounds(Number(arg), Number(third))
      : mode === 'rss' ? measureRss(Number(arg), third as 'library' | 'raw', fourth)
        : mode === 'charts' ? (writeCharts(Number(arg), third), {})
          : measureLoad(arg as 'library' | 'yaml');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (e: any) {
    process.stdout.write(`${JSON.stringify({ error: String(e?.message ?? e).split('\n').slice(0, 5).join('\n'), stack: String(e?.stack ?? '') })}\n`);
    process.exitCode = 1;
  }
}

/** Runs one child and returns what it printed last, or throws with the phase it was in. */
function child<T>(args: string[], timeoutS: number): T {
  const run = spawnSync(process.execPath,
    ['--expose-gc', '-r', require.resolve('ts-node/register/transpile-only'), __filename, CHILD_FLAG, ...args],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: timeoutS * 1000 });
  const phases = run.stderr.split('\n').filter(l => l.startsWith('phase: '));
  const where = phases[phases.length - 1]?.slice('phase: '.length) ?? 'startup';
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.signal || run.error) {
    throw new Error(`${args.join(' ')}: stopped (${run.error?.message ?? run.signal}) during "${where}"; raise BENCH_TIMEOUT_S`);
  }
  const parsed = last.startsWith('{') || /^[\d.]+$/.test(last) ? JSON.parse(last) : { error: `no result; stderr: ${run.stderr.slice(-2000)}` };
  if (parsed?.error) {
    throw new Error(`${args.join(' ')}: failed during "${where}": ${parsed.error}\n${String(parsed.stack ?? '').split('\n').slice(1, 8).join('\n')}`);
  }
  return parsed as T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function spread(values: number[], digits: number): string {
  return `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
}

const s = (ms: number) => (ms / 1000).toFixed(2);

/** The rounds of one way, in the order they ran. */
function of(r: RoundsResult, way: Way): Round[] {
  return r.rounds.filter(x => x.way === way);
}

/** Per repetition: library time / the other way's time in the same repetition. */
function pairedRatios(r: RoundsResult, other: Way): number[] {
  const lib = of(r, 'library');
  return of(r, other).map((o, i) => lib[i].total / o.total);
}

interface Row {
  readonly r: RoundsResult;
  readonly rss: RssResult[];
}

/** The median peak RSS of the processes of one way. */
function peakOf(rss: RssResult[], way: 'library' | 'raw'): number {
  return median(rss.filter(x => x.way === way).map(x => x.peakMb));
}

function printTable(rows: Row[]) {
  console.log('| connectors | objects | YAML MB | library s (build + synth) | raw ApiObjects s | library / raw | YAML floor s '
    + '| library / floor | raw / floor | peak RSS MB, one synth: library / raw | reps |');
  console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const { r, rss } of rows) {
    const [lib, raw, floor] = (['library', 'raw', 'floor'] as Way[]).map(w => median(of(r, w).map(x => x.total)));
    const libBuild = median(of(r, 'library').map(x => x.build));
    const libSynth = median(of(r, 'library').map(x => x.synth));
    const peak = rss.length > 0 ? `${peakOf(rss, 'library').toFixed(0)} / ${peakOf(rss, 'raw').toFixed(0)}` : 'n/a';
    console.log(`| ${r.n} | ${r.objects} | ${(r.yamlBytes / 2 ** 20).toFixed(1)} | ${s(lib)} (${s(libBuild)} + ${s(libSynth)}) | ${s(raw)} `
      + `| **${median(pairedRatios(r, 'raw')).toFixed(2)}** | ${s(floor)} | ${median(pairedRatios(r, 'floor')).toFixed(2)} `
      + `| ${(raw / floor).toFixed(2)} | ${peak} | ${of(r, 'library').length} |`);
  }
}

function printNoise(rows: Row[], load: { library: number[]; yaml: number[] }, loadavg: [number[], number[]]) {
  console.log('Noise:');
  for (const { r, rss } of rows) {
    const totals = (w: Way) => spread(of(r, w).map(x => x.total / 1000), 2);
    console.log(`- N=${r.n}: library/raw per repetition ${spread(pairedRatios(r, 'raw'), 2)}, library/floor ${spread(pairedRatios(r, 'floor'), 2)}; `
      + `library ${totals('library')} s, raw ${totals('raw')} s, floor ${totals('floor')} s`
      + (rss.length > 0 ? ['library', 'raw'].map(way => {
        const runs = rss.filter(x => x.way === way);
        return `; peak RSS ${way} ${spread(runs.map(x => x.peakMb), 0)} MB (${runs.length} processes, ${median(runs.map(x => x.beforeMb)).toFixed(0)} MB `
          + `of it before the declaration: Node, ts-node, modules, ${way === 'library' ? 'the releases' : 'the objects as JSON'})`;
      }).join('') : ''));
  }
  if (load.library.length > 0) {
    console.log(`- release load: library ${spread(load.library, 0)} ms, yaml ${spread(load.yaml, 0)} ms; `
      + `ratio per pair ${spread(load.library.map((l, i) => l / load.yaml[i]), 2)}`);
  }
  console.log(`- load average (1, 5, 15 min) at start ${loadavg[0].map(x => x.toFixed(1)).join(', ')}, at end ${loadavg[1].map(x => x.toFixed(1)).join(', ')} `
    + `on ${os.cpus().length} CPUs`);
}

function printTargets(rows: Row[], load: { library: number[]; yaml: number[] }) {
  const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('Targets (issue 12):');
  for (const { r } of rows.filter(x => x.r.n === 1000 || x.r.n === 5000)) {
    const ratio = median(pairedRatios(r, 'raw'));
    console.log(`- library / raw at ${r.n}: ${ratio.toFixed(2)} (<= 1.25: ${mark(ratio <= 1.25)})`);
  }
  const [a, z] = [rows.find(x => x.r.n === 1000), rows.find(x => x.r.n === 5000)];
  if (a && z) {
    const growth = (w: Way) => median(of(z.r, w).map(x => x.total)) / median(of(a.r, w).map(x => x.total));
    console.log(`- growth 1,000 -> 5,000: library x${growth('library').toFixed(2)} (<= 5.5: ${mark(growth('library') <= 5.5)}), `
      + `raw x${growth('raw').toFixed(2)}, floor x${growth('floor').toFixed(2)}`);
  }
  const rss5000 = rows.find(x => x.r.n === 5000)?.rss ?? [];
  if (rss5000.length > 0) {
    const peak = peakOf(rss5000, 'library');
    console.log(`- peak RSS, one synth of 5,000 in a fresh process: ${peak.toFixed(0)} MB (<= 300: ${mark(peak <= 300)}); `
      + `raw ApiObjects of the same objects: ${peakOf(rss5000, 'raw').toFixed(0)} MB`);
  }
  if (load.library.length > 0) {
    // Each library process is paired with the yaml process next to it, so that load on the machine
    // affects both sides of a ratio alike.
    const ratio = median(load.library.map((l, i) => l / load.yaml[i]));
    console.log(`- release load, cold: library ${median(load.library).toFixed(0)} ms, yaml parse ${median(load.yaml).toFixed(0)} ms; `
      + `median ratio per pair ${ratio.toFixed(2)} (<= 1.2: ${mark(ratio <= 1.2)})`);
  }
}

/** A positive integer from the environment variable `name`, or `fallback` when it is unset. */
function count(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${name} must be one positive integer, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function main() {
  const sizes = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(x => Number(x.trim())).sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some(n => !Number.isInteger(n) || n < 2)) {
    throw new Error(`BENCH_SIZES must be a comma-separated list of integers >= 2, got ${JSON.stringify(process.env.BENCH_SIZES)}`);
  }
  const fixedRepeats = process.env.BENCH_REPEATS === undefined ? undefined : count('BENCH_REPEATS', 1);
  const repeatsFor = (n: number) => fixedRepeats ?? Math.min(15, Math.max(5, Math.round(5 * 5000 / n)));
  const rssRepeats = count('BENCH_RSS_REPEATS', 3);
  const loadRepeats = count('BENCH_LOAD_REPEATS', 7);
  const timeoutS = count('BENCH_TIMEOUT_S', 1200);
  const started = Date.now();
  const loadavg: [number[], number[]] = [os.loadavg(), []];

  console.log('# Synthesis benchmark');
  console.log();
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, `
    + `cdk8s ${JSON.parse(fs.readFileSync(require.resolve('cdk8s/package.json'), 'utf8')).version}, ${os.platform()}/${os.arch()}; `
    + `BENCH_SIZES=${sizes.join(',')} BENCH_REPEATS=${fixedRepeats ?? sizes.map(repeatsFor).join(',')} BENCH_RSS_REPEATS=${rssRepeats} BENCH_LOAD_REPEATS=${loadRepeats}`);
  console.log('Per N: Strimzi 1.2.0 CRDs and operator, KEDA 2.20.2 CRDs; Kafka (3 controllers, 3 brokers, TLS listener with tls auth, '
    + 'simple authorization); N KafkaTopics; one KafkaConnect whose workers autoscale; N sink KafkaConnectors, each with task '
    + 'autoscaling. Each round: build the tree and app.synth() writing the files (library), the same objects as raw ApiObjects '
    + '(raw), cdk8s\'s Yaml.save of the same documents (YAML floor).');
  console.log();

  const rows = new Array<Row>();
  for (const n of sizes) {
    process.stderr.write(`N=${n}: ${repeatsFor(n)} rounds each of library, raw and floor ...\n`);
    const r = child<RoundsResult>(['rounds', String(n), String(repeatsFor(n))], timeoutS);
    process.stderr.write(`N=${n}: peak RSS in ${rssRepeats} fresh process(es) each of library and raw ...\n`);
    const chartsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-strimzi-keda-bench-')), 'charts.json');
    try {
      child<object>(['charts', String(n), chartsFile], timeoutS);
      const rss = new Array<RssResult>();
      for (let i = 0; i < rssRepeats; i++) {
        for (const way of i % 2 === 0 ? ['library', 'raw'] : ['raw', 'library']) {
          rss.push(child<RssResult>(['rss', String(n), way, chartsFile], timeoutS));
        }
      }
      rows.push({ r, rss });
    } finally {
      fs.rmSync(path.dirname(chartsFile), { recursive: true, force: true });
    }
  }
  process.stderr.write(`release load: ${loadRepeats} cold processes each ...\n`);
  const load = { library: new Array<number>(), yaml: new Array<number>() };
  for (let i = 0; i < loadRepeats; i++) {
    for (const way of (i % 2 === 0 ? ['library', 'yaml'] : ['yaml', 'library']) as Array<'library' | 'yaml'>) {
      load[way].push(child<number>(['load', way], timeoutS));
    }
  }
  loadavg[1] = os.loadavg();

  printTable(rows);
  console.log();
  printTargets(rows, load);
  console.log();
  printNoise(rows, load, loadavg);
  console.log();
  console.log(`Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (process.argv[2] === CHILD_FLAG) {
  runChild(process.argv.slice(3));
} else {
  main();
}
