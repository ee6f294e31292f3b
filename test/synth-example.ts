import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { scratchDir } from './fixtures';

const EXAMPLES = path.join(__dirname, '..', 'examples');

/**
 * Runs an example's main.ts the way `cdk8s synth` does (ts-node with CDK8S_OUTDIR) and reads what it
 * wrote, file by file in name order.
 */
export function synthExample(name: string): Map<string, any[]> {
  const out = scratchDir();
  try {
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '-T', 'main.ts'], {
      cwd: path.join(EXAMPLES, name),
      env: { ...process.env, CDK8S_OUTDIR: out },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return new Map(fs.readdirSync(out).sort().map(f => [f, jsYaml.loadAll(fs.readFileSync(path.join(out, f), 'utf-8')) as any[]]));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
