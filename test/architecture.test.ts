import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The layers of src/, from the top: upgrades run the declaration on a platform per phase; the
// platform wires autoscaling and its GitOps output; autoscaling builds KEDA objects for Strimzi
// targets; strimzi/ and keda/ know nothing of each other or of anything above; the GitOps layouts,
// the stage mechanics, the autoscaling options (data) and the shared helpers are at the bottom.
// Each folder may import from the folders listed for it, and from itself.
const MAY_IMPORT: { [folder: string]: string[] } = {
  'common': [],
  'autoscaling-options': [],
  'stages': ['common'],
  'strimzi': ['common', 'stages', 'autoscaling-options'],
  'keda': ['common', 'stages', 'autoscaling-options'],
  'autoscaling': ['common', 'stages', 'autoscaling-options', 'strimzi', 'keda'],
  'gitops': ['common', 'stages'],
  'platform': ['common', 'stages', 'autoscaling-options', 'strimzi', 'keda', 'autoscaling', 'gitops'],
  'upgrade': ['common', 'stages', 'autoscaling-options', 'strimzi', 'keda', 'autoscaling', 'gitops', 'platform'],
};

const SRC = path.join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest, true);
}

/** The files of src/ a file imports (type-only imports included: they couple the code as much). */
function imports(file: string): string[] {
  const found = new Array<string>();
  for (const statement of parse(file).statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
      && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('.')) {
      const target = path.resolve(path.dirname(file), statement.moduleSpecifier.text);
      found.push(fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts'));
    }
  }
  return found;
}

const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0];
const show = (file: string) => path.relative(SRC, file);
const files = sources(SRC);
const graph = new Map(files.map(f => [f, imports(f)]));

test('every file of src/ lives in a layer folder (only index.ts sits at the top)', () => {
  expect(files.filter(f => !(folderOf(f) in MAY_IMPORT) && show(f) !== 'index.ts').map(show)).toEqual([]);
});

test('imports run one way: no folder imports a folder above it, strimzi/ and keda/ not each other', () => {
  const upward = [...graph].flatMap(([file, targets]) => targets
    .filter(t => folderOf(file) in MAY_IMPORT && folderOf(t) !== folderOf(file) && !MAY_IMPORT[folderOf(file)].includes(folderOf(t)))
    .map(t => `${show(file)} -> ${show(t)}`));
  expect(upward).toEqual([]);
});

test('no import circle crosses a folder', () => {
  // Tarjan's strongly connected components over the import graph.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack = new Array<string>();
  const circles = new Array<string[]>();
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = new Array<string>();
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== file);
      circles.push(component);
    }
  };
  files.filter(f => !index.has(f)).forEach(visit);
  const crossing = circles.filter(c => new Set(c.map(folderOf)).size > 1).map(c => c.map(show).sort());
  expect(crossing).toEqual([]);
});

test('no function in src/ is longer than 60 lines', () => {
  const long = new Array<string>();
  for (const file of files) {
    const source = parse(file);
    const check = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const line = (position: number) => source.getLineAndCharacterOfPosition(position).line;
        const lines = line(node.body.getEnd()) - line(node.body.getStart()) + 1;
        if (lines > 60) {
          long.push(`${show(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} (${lines} lines)`);
        }
      }
      ts.forEachChild(node, check);
    };
    check(source);
  }
  expect(long).toEqual([]);
});
