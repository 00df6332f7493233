// The doc comments of a package that has no API report: a bin-only package (the CLI) has no entry point for
// API Extractor, so its modules' exports are read from its TypeScript sources instead. Every exported
// declaration of src/ and every non-private member of an exported class or interface needs a doc comment,
// as API Extractor asks of a library's public API.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractorTypeScript } from './api-extractor.mjs';

// Loaded on first need: a package without sources reads none.
let ts;

/** The .ts files under `dir` (tests and declaration files left out), sorted. */
function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:c|m)?tsx?$/.test(entry.name))
    .filter((entry) => !/\.d\.(?:c|m)?ts$|\.test\.|\.spec\./.test(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

const hasModifier = (node, kind) => node.modifiers?.some((modifier) => modifier.kind === kind) ?? false;
/** A `/** … *\/` comment before the node (for a variable, before its `export const` statement). */
const documented = (node) =>
  ts.getJSDocCommentsAndTags(node).length > 0 ||
  (ts.isVariableDeclaration(node) && ts.getJSDocCommentsAndTags(node.parent.parent).length > 0);

function memberName(member) {
  if (ts.isCallSignatureDeclaration(member)) return '(call)';
  if (ts.isConstructSignatureDeclaration(member)) return '(new)';
  if (ts.isIndexSignatureDeclaration(member)) return '[index]';
  return member.name?.getText() ?? '(member)';
}

/** The members of an exported class or interface that need a comment: not private, not a constructor. */
function publicMembers(declaration) {
  return declaration.members.filter(
    (member) =>
      !ts.isConstructorDeclaration(member) &&
      !ts.isClassStaticBlockDeclaration(member) &&
      !ts.isSemicolonClassElement(member) &&
      !hasModifier(member, ts.SyntaxKind.PrivateKeyword) &&
      !(member.name && ts.isPrivateIdentifier(member.name)),
  );
}

/**
 * Each export of `packageDir`/src (and each public member of an exported class or interface) without a doc
 * comment: `{ name, file }`, e.g. `{ name: 'Session.client', file: 'src/commands/session.ts' }`. Also returns
 * how many were checked.
 */
export function undocumentedSourceExports(packageDir) {
  const found = [];
  let checked = 0;
  for (const path of sourceFiles(join(packageDir, 'src'))) {
    ts ??= extractorTypeScript();
    const file = relative(packageDir, path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const check = (node, name) => {
      checked++;
      if (!documented(node)) found.push({ name, file });
    };
    for (const statement of source.statements) {
      if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations)
          check(declaration, declaration.name.getText());
        continue;
      }
      const name = statement.name?.getText() ?? 'default';
      check(statement, name);
      if (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
        for (const member of publicMembers(statement)) check(member, `${name}.${memberName(member)}`);
      }
    }
  }
  return { undocumented: found, checked };
}
