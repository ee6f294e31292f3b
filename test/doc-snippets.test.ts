import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// Every TypeScript example a user reads compiles: the ```ts blocks of README.md and the examples of
// API.md (the @example of doc comments). A block compiles on its own, with its imports, or after the
// fixture its fence names (```ts fixture=declaration): rosetta/<name>.ts-fixture, with the block in
// place of its `/// here` line (jsii-rosetta's convention). API.md's examples use rosetta/api.ts-fixture.
// `cdk8s-strimzi-keda` resolves to src/, and cdk8s, cdk8s-plus-33 and constructs to node_modules.

const ROOT = path.join(__dirname, '..');

interface Snippet {
  /** `README.md:26`: where the block starts. */
  readonly where: string;
  readonly code: string;
  readonly fixture?: string;
}

function readmeSnippets(): Snippet[] {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
  return [...text.matchAll(/^```(?:ts|typescript)( fixture=[\w-]+)?\n([\s\S]*?)^```$/gm)].map(m => ({
    where: `README.md:${text.slice(0, m.index).split('\n').length}`,
    code: m[2],
    fixture: m[1]?.replace(' fixture=', ''),
  }));
}

function apiSnippets(): Snippet[] {
  const text = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf-8');
  return [...text.matchAll(/^\*Example\*\n\n```typescript\n([\s\S]*?)^```$/gm)].map(m => ({
    where: `API.md:${text.slice(0, m.index).split('\n').length}`,
    code: m[1],
    fixture: 'api',
  }));
}

function withFixture(snippet: Snippet): string {
  if (!snippet.fixture) {
    return `${snippet.code}\nexport {};\n`;
  }
  const fixture = fs.readFileSync(path.join(ROOT, 'rosetta', `${snippet.fixture}.ts-fixture`), 'utf-8');
  if (!fixture.includes('/// here')) {
    throw new Error(`rosetta/${snippet.fixture}.ts-fixture has no '/// here' line`);
  }
  return `${fixture.replace('/// here', () => snippet.code)}\nexport {};\n`;
}

/** The type errors of every snippet, as `<where>: <message>`, from one program over all of them. */
function typeErrors(snippets: Snippet[]): string[] {
  const files = new Map(snippets.map((s, i) => [path.join(ROOT, 'test', `.snippet-${i}.ts`), s]));
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    noEmit: true,
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: { 'cdk8s-strimzi-keda': ['src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = f => (files.has(f) ? withFixture(files.get(f)!) : readFile(f));
  host.fileExists = f => files.has(f) || fileExists(f);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).filter(d => d.file && files.has(d.file.fileName)).map(d => {
    const snippet = files.get(d.file!.fileName)!;
    const line = d.file!.getLineAndCharacterOfPosition(d.start!).line + 1;
    return `${snippet.where} (${snippet.fixture ? `fixture ${snippet.fixture}, ` : ''}line ${line}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

test('every TypeScript block of README.md and every example of API.md compiles', () => {
  const snippets = [...readmeSnippets(), ...apiSnippets()];
  // No block escapes the extraction: as many as there are TypeScript fences.
  const fences = (file: string, fence: RegExp) => fs.readFileSync(path.join(ROOT, file), 'utf-8').match(fence)?.length;
  expect(snippets.filter(s => s.where.startsWith('README')).length).toBe(fences('README.md', /^```(ts|typescript)\b/gm));
  expect(snippets.filter(s => s.where.startsWith('API')).length).toBe(fences('API.md', /^\*Example\*$/gm));
  expect(typeErrors(snippets)).toEqual([]);
});

test('a block that does not compile is reported with where it is', () => {
  expect(typeErrors([
    { where: 'README.md:1', code: 'import { KafkaPlatform } from \'cdk8s-strimzi-keda\';\nKafkaPlatform.nope();\n' },
    { where: 'README.md:9', code: 'kafka.addOverride(\'spec.x\', 1);\nkafka.missing();\n', fixture: 'api' },
  ])).toEqual([
    'README.md:1 (line 2): Property \'nope\' does not exist on type \'typeof KafkaPlatform\'.',
    expect.stringMatching(/^README\.md:9 \(fixture api, line \d+\): Property 'missing' does not exist on type 'Kafka'\.$/),
  ]);
});
