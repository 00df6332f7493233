import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
walk(process.argv[2]);
let n = 0,
  total = 0;
for (const f of files) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const hasDoc = (node) =>
    ts.getJSDocCommentsAndTags(node).length > 0 ||
    (ts.isVariableDeclaration(node) && ts.getJSDocCommentsAndTags(node.parent.parent).length > 0);
  const check = (node, name) => {
    total++;
    if (!hasDoc(node)) {
      n++;
      console.log(`${f}: ${name}`);
    }
  };
  for (const st of sf.statements) {
    const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) check(d, d.name.getText());
    else if (st.name) {
      check(st, st.name.getText());
      if (ts.isInterfaceDeclaration(st) || ts.isClassDeclaration(st))
        for (const m of st.members) {
          if (
            m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword) ||
            (m.name && ts.isPrivateIdentifier(m.name))
          )
            continue;
          if (ts.isConstructorDeclaration(m)) continue;
          check(m, `${st.name.getText()}.${m.name?.getText() ?? '(sig)'}`);
        }
    }
  }
}
console.log(n, 'of', total);
