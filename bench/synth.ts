// Synthesis benchmark: `npx ts-node -T bench/synth.ts` from the repository root.
//
// For each N (BENCH_SIZES, default 100,300,1000,3000) it declares one KafkaPlatform with N topics and N
// sink connectors (every second one with task autoscaling) on one autoscaled Connect cluster, and
// times building the construct tree, synthesizing the stage charts and serializing to YAML. The
// baseline emits the same objects as raw ApiObjects, so the difference is the library's overhead.
//
// Each size runs in a fresh child process (no shared heap or JIT). Sizes run in ascending order
// within a time budget (BENCH_BUDGET_S, default 100 s): a size whose projected time does not fit is
// skipped and reported, and a child that overruns is stopped and reported with the phase it was in.
// BENCH_REPEATS (default 3) caps the repetitions per size; the medians are reported.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import { measureSize, SizeResult } from './measure';

const CHILD_FLAG = '--child';

function runChild(args: string[]) {
  const [n, repeats, budgetMs] = args.map(Number);
  try {
    process.stdout.write(`${JSON.stringify(measureSize(n, repeats, budgetMs))}\n`);
  } catch (e: any) {
    // A stack overflow or a validation error: report it with its stack, the parent says where.
    process.stdout.write(`${JSON.stringify({ error: String(e?.message ?? e).split('\n').slice(0, 5).join('\n'), stack: String(e?.stack ?? '') })}\n`);
    process.exitCode = 1;
  }
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function exponent(a: SizeResult, b: SizeResult, total: (r: SizeResult) => number): number {
  return Math.log(total(b) / total(a)) / Math.log(b.n / a.n);
}

function verdict(e: number): string {
  if (e <= 1.15) {
    return 'about linear';
  }
  return e < 1.6 ? 'superlinear' : 'superlinear, close to quadratic';
}

function main() {
  const sizes = (process.env.BENCH_SIZES ?? '100,300,1000,3000').split(',').map(s => Number(s.trim()))
    .sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some(n => !Number.isInteger(n) || n < 2)) {
    throw new Error(`BENCH_SIZES must be a comma-separated list of integers >= 2, got ${JSON.stringify(process.env.BENCH_SIZES)}`);
  }
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const budgetMs = Number(process.env.BENCH_BUDGET_S ?? 100) * 1000;
  const started = Date.now();

  console.log('# Synthesis benchmark');
  console.log();
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model.trim()}), `
    + `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, cdk8s ${JSON.parse(fs.readFileSync(require.resolve('cdk8s/package.json'), 'utf8')).version}, ${os.platform()}/${os.arch()}`);
  console.log('Declaration per N: Strimzi 1.2.0 CRDs + operator, KEDA 2.20.2 CRDs; Kafka (3 controllers, 3 brokers, TLS listener '
    + 'with tls auth, simple authorization); N KafkaTopics (6 partitions); one KafkaConnect with worker autoscaling; N sink '
    + 'KafkaConnectors (one per topic), every 2nd with task autoscaling (maxTasks 6). The workers\' ScaledObject and the two '
    + 'generated KafkaUsers grow per connector; the library marks them for server-side apply once they pass the 256 KiB '
    + 'client-side apply limit (~760 / ~1,180 connectors).');
  console.log('Phases: build = construct tree; synth = Testing.synth() per stage chart in app order (validation included); '
    + 'yaml = cdk8s Yaml.stringify(...objects). Baseline = the same objects as raw ApiObjects in one Chart.');
  console.log();

  const results = new Array<SizeResult>();
  const problems = new Array<string>();
  for (const [i, n] of sizes.entries()) {
    const remaining = budgetMs - (Date.now() - started);
    // Project one repetition from the previous sizes (growth exponent of the last two, else linear).
    const last = results[results.length - 1];
    let projected = 0;
    if (last) {
      const prev = results[results.length - 2];
      const e = prev ? Math.max(1, exponent(prev, last, r => r.library.total)) : 1;
      projected = (last.library.total + last.baseline.total) * (n / last.n) ** e + last.readReleaseMs;
      if (projected > remaining) {
        problems.push(`N=${n} skipped: one repetition is projected at ${(projected / 1000).toFixed(0)} s `
          + `(growth exponent ${e.toFixed(2)} from N=${last.n}), more than the ${(Math.max(remaining, 0) / 1000).toFixed(0)} s left `
          + 'of BENCH_BUDGET_S. Run it alone with BENCH_SIZES to measure it.');
        continue;
      }
    }
    const share = Math.max(remaining / (sizes.length - i), projected * 1.2);
    process.stderr.write(`N=${n}: running (budget ${(share / 1000).toFixed(0)} s) ...\n`);
    const childStarted = Date.now();
    const child = spawnSync(process.execPath,
      ['--expose-gc', '-r', require.resolve('ts-node/register/transpile-only'), __filename, CHILD_FLAG, String(n), String(repeats), String(share)],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: Math.max(remaining, 20_000) });
    const phases = child.stderr.split('\n').filter(l => l.startsWith('phase: '));
    const where = phases[phases.length - 1]?.slice('phase: '.length) ?? 'startup';
    const lastLine = child.stdout.trim().split('\n').pop() ?? '';
    if (child.signal || child.error) {
      problems.push(`N=${n}: stopped (${child.error?.message ?? child.signal}) ${((Date.now() - childStarted) / 1000).toFixed(0)} s after it started, `
        + `during "${where}". Run it alone with BENCH_SIZES and a larger BENCH_BUDGET_S to measure it.`);
      break;
    }
    const parsed = lastLine.startsWith('{') ? JSON.parse(lastLine) : { error: `no result; stderr: ${child.stderr.slice(-2000)}` };
    if (parsed.error) {
      const frames = String(parsed.stack ?? '').split('\n').filter((l: string) => l.trim().startsWith('at ')).slice(0, 8).join('\n');
      problems.push(`N=${n}: failed during "${where}": ${parsed.error}\n${frames}`);
      break;
    }
    results.push(parsed as SizeResult);
    process.stderr.write(`N=${n}: done, library total ${fmt(parsed.library.total)} ms (${parsed.repeats} rep(s))\n`);
  }

  if (results.length > 0) {
    const reads = results.map(r => r.readReleaseMs);
    console.log(`Reading the releases (Strimzi install folder + KEDA CRDs, once per process): ${fmt(reads[0])} ms `
      + `(${fmt(Math.min(...reads))}-${fmt(Math.max(...reads))} ms across processes); not included below.`);
    console.log();
    console.log('| N | objects | YAML MB | build ms | synth ms | yaml ms | total ms | baseline ms (build/synth/yaml) '
      + '| overhead × | overhead ms/connector | 1 validation pass ms | peak RSS MB | heap after synth MB | reps |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      const l = r.library;
      const b = r.baseline;
      console.log(`| ${r.n} | ${r.objects} | ${(r.yamlBytes / 2 ** 20).toFixed(1)} | ${fmt(l.build)} | ${fmt(l.synth)} | ${fmt(l.yaml)} `
        + `| ${fmt(l.total)} | ${fmt(b.total)} (${fmt(b.build)}/${fmt(b.synth)}/${fmt(b.yaml)}) | ${(l.total / b.total).toFixed(1)} `
        + `| ${((l.total - b.total) / r.n).toFixed(2)} | ${fmt(r.validatePassMs)} | ${r.peakRssMb.toFixed(0)} | ${r.heapAfterSynthMb.toFixed(0)} | ${r.repeats} |`);
      if (!r.sameObjects) {
        problems.push(`N=${r.n}: the baseline's objects differ from the library's (the comparison is not like for like)`);
      }
    }
    console.log();
  }
  if (results.length >= 2) {
    const [a, z] = [results[0], results[results.length - 1]];
    const e = exponent(a, z, r => r.library.total);
    console.log(`Growth N=${a.n}→${z.n} (×${(z.n / a.n).toFixed(0)}): library total ×${(z.library.total / a.library.total).toFixed(1)}, `
      + `exponent ${e.toFixed(2)} (1 = linear, 2 = quadratic): ${verdict(e)}; synth alone ${exponent(a, z, r => r.library.synth).toFixed(2)}, `
      + `baseline ${exponent(a, z, r => r.baseline.total).toFixed(2)}.`);
    if (results.length >= 3) {
      const [y, w] = results.slice(-2);
      console.log(`Between the two largest sizes (fixed costs matter less): library exponent ${exponent(y, w, r => r.library.total).toFixed(2)}.`);
    }
  } else {
    console.log('Growth: needs at least two measured sizes.');
  }
  if (problems.length > 0) {
    console.log();
    console.log('Problems:');
    problems.forEach(p => console.log(`- ${p}`));
  }
  console.log();
  console.log(`Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (process.argv[2] === CHILD_FLAG) {
  runChild(process.argv.slice(3));
} else {
  main();
}
