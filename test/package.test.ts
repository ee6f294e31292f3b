import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { scratchDir } from './fixtures';

const ROOT = path.join(__dirname, '..');

// What `npm pack` puts in the package, checked on a stand-in of this repository: the real package.json
// and .npmignore, an empty file in every top-level folder and for every top-level file, and what a
// build adds (lib/, .jsii, dist/, test-reports/, coverage/, example output). The library is not
// compiled for this: the file list depends only on package.json's `files` and the .npmignore.
test('the npm package holds lib/, .jsii, README, API.md, LICENSE and package.json, nothing else', () => {
  const repo = scratchDir();
  try {
    const touch = (file: string, content = '') => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), content);
    };
    for (const entry of fs.readdirSync(ROOT, { withFileTypes: true }).filter(e => !['.git', 'node_modules'].includes(e.name))) {
      touch(entry.isDirectory() ? `${entry.name}/stand-in.ts` : entry.name);
    }
    for (const built of ['lib/index.js', 'lib/index.d.ts', 'lib/strimzi/kafka.js', 'lib/strimzi/kafka.d.ts', '.jsii', 'tsconfig.tsbuildinfo',
      'dist/js/cdk8s-strimzi-keda@0.0.0.jsii.tgz', 'test-reports/jest-results.json', 'coverage/lcov.info',
      'examples/platform/dist/0000-events-crds.k8s.yaml', 'src/index.js']) {
      touch(built);
    }
    for (const real of ['package.json', '.npmignore']) {
      touch(real, fs.readFileSync(path.join(ROOT, real), 'utf-8'));
    }

    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
    expect(packed[0].files.map((f: { path: string }) => f.path).sort()).toEqual([
      '.jsii', 'API.md', 'LICENSE', 'README.md',
      'lib/index.d.ts', 'lib/index.js', 'lib/strimzi/kafka.d.ts', 'lib/strimzi/kafka.js',
      'package.json',
    ]);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
