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
    'cdk8s-plus-33@^2.5.57', // what `cdk8s init typescript-app` gives: tests show its workloads can be autoscaled
    'ajv@^8.20.0', // conformance tests: validate output against the upstream CRD schemas
    'js-yaml@^4.1.0', // tests read the upstream files with a second, independent (and fast) parser
    '@types/js-yaml@^4',
    'fast-check@^4.10.0', // property tests (test/property): random declarations, valid and hostile
  ],
  minNodeVersion: '20.0.0',

  // The other languages jsii builds for, named as users of cdk8s construct libraries expect them
  // (cdk8s-plus: cdk8s_plus_28, org.cdk8s.plus28, Org.Cdk8s.Plus28, github.com/cdk8s-team/cdk8s-plus-go).
  // Only the npm package is built by `build`/`package`: the wheel, the jar and the .nupkg need PyPI, Maven
  // Central and NuGet, which our CI cannot reach; `npx projen package-all` builds all five (README).
  publishToPypi: { distName: 'cdk8s-strimzi-keda', module: 'cdk8s_strimzi_keda' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_strimzi_keda',
    mavenGroupId: 'io.github.cdk8s-strimzi-keda',
    mavenArtifactId: 'cdk8s-strimzi-keda',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sStrimziKeda', packageId: 'Cdk8sStrimziKeda' },
  publishToGo: { moduleName: 'github.com/cdk8s-strimzi-keda/cdk8s-strimzi-keda-go', packageName: 'cdk8sstrimzikeda' },

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
    // The coverage summary, not a table of every file.
    coverageText: false,
    jestConfig: {
      coverageReporters: ['text-summary'],
      // Finds the upstream release files (or downloads them into the cache) once, before the workers start.
      globalSetup: '<rootDir>/fixtures/jest-global-setup.ts',
      testPathIgnorePatterns: ['/node_modules/', '/examples/.*/dist/'],
      // Tests read and synthesize whole Strimzi releases (~0.5 s each); the default 5 s is tight on 2 cores.
      testTimeout: 60_000,
    },
  },
  // eslint reports, never rewrites sources during a build.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'fixtures', 'projenrc', '.projenrc.ts'],
    commandOptions: { fix: false },
  },
  gitignore: ['examples/*/dist/', '.ci-scratch/', '/test-reports/'],
});

// The registry our machines reach lacks non-linux @unrs/resolver-binding-*@1.13.0, which makes the
// generated lockfile fail `npm ci` (toolchain.md §2).
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// `package` builds the npm package only (projen would run package-all outside CI, which needs PyPI, Maven
// Central, NuGet and Go), and compiles first when there is no .jsii yet, as on a fresh clone (pacmak
// reads the assembly). `npx projen package-all` builds the packages of every language.
project.packageTask.reset();
project.packageTask.spawn(project.compileTask, { condition: 'node -e "process.exit(require(\'fs\').existsSync(\'.jsii\') ? 1 : 0)"' });
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// The npm package holds what a user needs and nothing else (test/package.test.ts): the compiled
// library, its jsii assembly, README, API.md, LICENSE and package.json (npm adds the last three itself).
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md']);

// jest writes its JSON result there but does not create the folder.
for (const task of [project.testTask, project.tasks.tryFind('test:update')!]) {
  task.prependExec('mkdir -p test-reports');
}

// jsii 6 prints a large end-of-life banner on Node 20 (toolchain.md §2).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Examples and benchmark are type-checked with the tests.
project.tsconfigDev.addInclude('../examples/**/*.ts'); // paths are relative to test/tsconfig.json
project.tsconfigDev.addInclude('../bench/**/*.ts');
project.tsconfigDev.addInclude('../fixtures/**/*.ts');
// ...and need a tsconfig of their own for eslint's project service and editors.
for (const dir of ['examples', 'bench', 'fixtures']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { rootDir: '..', noEmit: true },
      include: ['**/*.ts'],
      exclude: ['**/dist/**'],
    },
  });
}

// `npm run fetch-upstream`: find the upstream release files the examples and tests read, or download
// them into the cache (fixtures/upstream.ts).
const fetchUpstream = project.addTask('fetch-upstream', {
  description: 'Find the upstream Strimzi/KEDA release files (checked against fixtures/releases.json), or download them into the cache',
  exec: 'ts-node -T fixtures/fetch.ts',
});

// `npm run example`: synthesize the example platform and list what it wrote.
project.addTask('example', {
  description: 'Synthesize examples/platform into examples/platform/dist and list the files',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  steps: [
    { spawn: fetchUpstream.name },
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
