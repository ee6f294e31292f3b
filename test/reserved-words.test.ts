import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// jsii warns about 31 identifiers of the public API that are reserved words in some target language
// (compile runs with --silence-warnings=reserved-word). All of them are property names: `namespace`
// and `operator` are C# keywords and `type` a Go keyword, but C# properties and Go fields and getters
// are PascalCase (Namespace, Operator, Type), so no target renames them. A method or constructor
// parameter keeps its name in every language, and there a reserved word would be renamed (`type_`,
// `@namespace`): none may be one. The word lists are jsii's own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isReservedName } = require(path.join(path.dirname(require.resolve('jsii')), 'reserved-words.js')) as {
  isReservedName(name: string): string[] | undefined;
};

const SRC = path.join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const hasModifier = (node: ts.Node, ...kinds: ts.SyntaxKind[]) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some(m => kinds.includes(m.kind));
const hidden = (node: ts.Node) => hasModifier(node, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword)
  || ts.getJSDocTags(node).some(t => t.tagName.text === 'internal');

/** `<file> <Type>.<method>(<parameter>)` for every public parameter named with a reserved word. */
function reservedParameters(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest, true);
  const found = new Array<string>();
  for (const type of source.statements.filter(s => ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s))) {
    const declaration = type as ts.ClassDeclaration | ts.InterfaceDeclaration;
    if (!hasModifier(declaration, ts.SyntaxKind.ExportKeyword)) {
      continue;
    }
    for (const member of declaration.members) {
      const callable = ts.isConstructorDeclaration(member) || ts.isMethodDeclaration(member) || ts.isMethodSignature(member);
      const name = ts.isConstructorDeclaration(member) ? 'constructor' : member.name?.getText(source) ?? '';
      if (!callable || hidden(member) || name.startsWith('_')) {
        continue;
      }
      for (const parameter of (member as ts.SignatureDeclaration).parameters) {
        const reserved = isReservedName(parameter.name.getText(source));
        if (reserved) {
          found.push(`${path.relative(SRC, file)} ${declaration.name?.text}.${name}(${parameter.name.getText(source)}): reserved in ${reserved.join(', ')}`);
        }
      }
    }
  }
  return found;
}

test('no parameter of the public API is a reserved word of a jsii target language', () => {
  expect(isReservedName('namespace')).toEqual(['C#']);
  expect(sources(SRC).flatMap(reservedParameters)).toEqual([]);
});
