import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { scratchDir } from './fixtures';
import { secretMaterial } from './property/secret-scan';

// examples/upgrade as `cdk8s synth` runs it: two plans, their phases and UPGRADE.md.
describe('examples/upgrade', () => {
  const out = scratchDir();
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '-T', 'main.ts'], {
    cwd: path.join(__dirname, '..', 'examples', 'upgrade'),
    env: { ...process.env, CDK8S_OUTDIR: out },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('writes the 0.45.0 -> 1.2.0 plan and the 0.49.1 -> 0.51.0 plan, each with its UPGRADE.md', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['events-0.45.0-to-1.2.0', 'orders-0.49.1-to-0.51.0']);
    expect(fs.readdirSync(path.join(out, 'orders-0.49.1-to-0.51.0')).sort()).toEqual([
      '00-current-0.49.1', '01-crds-0.51.0', '02-operator-0.51.0', '03-kafka-4.2.0', '04-metadata-4.2', 'UPGRADE.md',
    ]);
    const events = fs.readdirSync(path.join(out, 'events-0.45.0-to-1.2.0'));
    expect(events).toContain('05-crd-upgrade-0.51.0');
    expect(events).toHaveLength(13);
  });

  test('writes no secret material (issue 11)', () => {
    const files = (fs.readdirSync(out, { recursive: true }) as string[]).map(f => path.join(out, f)).filter(f => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const objects = files.flatMap(f => jsYaml.loadAll(fs.readFileSync(f, 'utf-8')) as any[]).filter(o => o);
    expect(secretMaterial(objects)).toEqual([]);
  });

  test('the README shows the plan the example writes', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'examples', 'upgrade', 'README.md'), 'utf-8');
    const plan = fs.readFileSync(path.join(out, 'events-0.45.0-to-1.2.0', 'UPGRADE.md'), 'utf-8');
    const table = plan.slice(plan.indexOf('| Phase |'), plan.indexOf('\n\n', plan.indexOf('| Phase |')));
    expect(readme).toContain(table);
  });

  test('every Flux phase folder builds with kubectl kustomize', () => {
    const plan = path.join(out, 'events-0.45.0-to-1.2.0');
    for (const phase of fs.readdirSync(plan).filter(f => /^\d\d-/.test(f))) {
      const built = jsYaml.loadAll(execFileSync('kubectl', ['kustomize', path.join(plan, phase)], { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 })) as any[];
      expect(built.filter(o => o?.kind === 'Kafka')).toHaveLength(1);
    }
  });
});
