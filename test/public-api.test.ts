import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The names the package entry point exports are a compatibility promise in every jsii language:
// a change to them is a decision, made by updating test/public-api.txt in the same commit.
test('the package exports exactly the names in test/public-api.txt', () => {
  const index = path.join(__dirname, '..', 'src', 'index.ts');
  const program = ts.createProgram([index], { noEmit: true });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!).map(s => s.name).sort();
  const listed = fs.readFileSync(path.join(__dirname, 'public-api.txt'), 'utf-8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
  expect(exported).toEqual([...listed].sort());
});
