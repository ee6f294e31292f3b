import { cdk8s, javascript, JsonFile } from 'projen';

// Settings that keep the build offline-safe and honest: see ../shared/docs/toolchain.md
// ("Recommended .projenrc.ts" and "Pitfalls checklist").
const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-strimzi-keda',
  description: 'One declaration of a Kafka platform on Kubernetes: Strimzi CRDs (KafkaConnector scale fixed for KEDA), the Strimzi operator, typed Strimzi resources and KEDA autoscaling, as ordered cdk8s manifests.',
  author: 'cdk8s-strimzi-keda maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-strimzi-keda/cdk8s-strimzi-keda.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'strimzi', 'kafka', 'keda', 'kubernetes', 'autoscaling'],
  license: 'Apache-2.0',

  // The template defaults to cdk8s v1; we target cdk8s 2.x and constructs 10.x.
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Release files are parsed in-process with the YAML parser cdk8s itself bundles, at the same
  // version (cdk8s 2.70.106 pins yaml 2.9.1), so the documents are the ones cdk8s's Yaml.load reads.
  bundledDeps: ['yaml@2.9.1'],
  devDeps: [
    '@types/node@^20', // projen would pick the newest @types/node; we run on Node 20
    'cdk8s-cli@2.207.60', // `cdk8s synth` for the examples
    'ajv@^8.20.0', // conformance tests: validate output against the upstream CRD schemas
    'js-yaml@^4.1.0', // tests read the upstream files with a second, independent (and fast) parser
    '@types/js-yaml@^4',
  ],
  minNodeVersion: '20.0.0',

  // No GitHub workflows, release or upgrade machinery: CI is `.ci/run`.
  github: false,
  release: false,
  depsUpgrade: false,
  vscode: false,
  sampleCode: false,

  // ts-jest runs with isolatedModules and does not type-check tests on its own.
  typecheckTests: true,
  jestOptions: {
    // `test` must fail on snapshot drift; snapshots change only through `test:update`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    junitReporting: false,
    // .ci/run reads the pass/fail counts from this file.
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json'],
    jestConfig: {
      coverageReporters: ['text-summary'],
      testPathIgnorePatterns: ['/node_modules/', '/examples/.*/dist/'],
      // Tests read and synthesize whole Strimzi releases (~0.5 s each); the default 5 s is tight on 2 cores.
      testTimeout: 60_000,
    },
  },
  // eslint reports, never rewrites sources during a build.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc', '.projenrc.ts'],
    commandOptions: { fix: false },
  },
  gitignore: ['examples/*/dist/', '.ci-scratch/', '/test-reports/'],
});

// The registry our machines reach lacks non-linux @unrs/resolver-binding-*@1.13.0, which makes the
// generated lockfile fail `npm ci` (toolchain.md §2).
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// jest writes its JSON result there but does not create the folder.
for (const task of [project.testTask, project.tasks.tryFind('test:update')!]) {
  task.prependExec('mkdir -p test-reports');
}

// jsii 6 prints a large end-of-life banner on Node 20 (toolchain.md §2).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Examples and benchmark are type-checked with the tests.
project.tsconfigDev.addInclude('../examples/**/*.ts'); // paths are relative to test/tsconfig.json
project.tsconfigDev.addInclude('../bench/**/*.ts');
// ...and need a tsconfig of their own for eslint's project service and editors.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { rootDir: '..', noEmit: true },
      include: ['**/*.ts'],
      exclude: ['**/dist/**'],
    },
  });
}

// `npm run example`: synthesize the example platform and list what it wrote.
project.addTask('example', {
  description: 'Synthesize examples/platform into examples/platform/dist and list the files',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  steps: [
    { exec: 'cdk8s synth --no-check-upgrade', cwd: 'examples/platform' },
    { exec: 'ls -1 dist', cwd: 'examples/platform' },
  ],
});

// `npm run bench`: synthesis time and memory for growing declarations (bench/synth.ts).
project.addTask('bench', {
  description: 'Measure synthesis time and memory against raw ApiObjects, for growing numbers of connectors',
  exec: 'ts-node -T bench/synth.ts',
});

project.synth();
