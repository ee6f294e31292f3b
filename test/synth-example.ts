import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { scratchDir } from './fixtures';

const EXAMPLES = path.join(__dirname, '..', 'examples');

/**
 * Runs an example's main.ts the way `cdk8s synth` does (ts-node with CDK8S_OUTDIR) and reads the
 * manifests it wrote, file by file in name order; the text of its other files goes into `others`.
 */
export function synthExample(name: string, others = new Map<string, string>()): Map<string, any[]> {
  const out = scratchDir();
  try {
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '-T', 'main.ts'], {
      cwd: path.join(EXAMPLES, name),
      env: { ...process.env, CDK8S_OUTDIR: out },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const files = fs.readdirSync(out).sort();
    for (const f of files.filter(n => !n.endsWith('.k8s.yaml'))) {
      others.set(f, fs.readFileSync(path.join(out, f), 'utf-8'));
    }
    return new Map(files.filter(f => f.endsWith('.k8s.yaml')).map(f => [f, jsYaml.loadAll(fs.readFileSync(path.join(out, f), 'utf-8')) as any[]]));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
