// What an API report says is undocumented. API Extractor marks every export and member with no doc comment
// `// (undocumented)` in the report it writes; its own ae-undocumented message names only the member
// ("status"), so the report is read instead, to name each one with its parents ("CbrApiError.status").

const MARKER = /^( *)\/\/ (?:@\w+ )*\(undocumented\)\s*$/;
const DECLARATION =
  /^(?:export )?(?:declare )?(?:default )?(?:abstract )?(?:class|interface|type|const|let|var|function|enum|namespace|module) ([\w$]+)/;
const MODIFIERS = /^(?:(?:readonly|static|protected|public|abstract|declare|get|set|accessor|async)\s+)*/;

/** The name a declaration line gives, as API Extractor writes it (a member's name, `constructor`, `(call)`). */
function declaredName(text) {
  const declaration = DECLARATION.exec(text);
  if (declaration) return declaration[1];
  const member = text.replace(MODIFIERS, '');
  if (member.startsWith('constructor')) return 'constructor';
  if (member.startsWith('(') || member.startsWith('<')) return '(call)';
  if (member.startsWith('new ') || member.startsWith('new(')) return '(new)';
  if (member.startsWith('[')) {
    const computed = /^\[([^\]:]+)\]/.exec(member);
    return computed ? `[${computed[1].trim()}]` : '[index]';
  }
  const named = /^("[^"]*"|'[^']*'|[\w$#]+)/.exec(member);
  return named ? named[1] : member.slice(0, 40);
}

/**
 * Every item `reportText` (an .api.md file) marks `(undocumented)`, as dotted names (`CbrApiError.status`,
 * `BaseAPI.constructor`), in the report's order; each overload or accessor pair counts once.
 */
export function undocumentedItems(reportText) {
  const lines = reportText.split(/\r?\n/).map((line) => line.trimEnd());
  const found = [];
  // The enclosing declarations of the current line: { indent, name } of each open `{` block.
  const parents = [];
  let pendingIndent;
  for (const line of lines) {
    const marker = MARKER.exec(line);
    if (marker) {
      pendingIndent = marker[1].length;
      continue;
    }
    const text = line.trimStart();
    if (text === '' || text.startsWith('//') || text.startsWith('}') || text.startsWith('```')) continue;
    const indent = line.length - text.length;
    while (parents.length > 0 && parents.at(-1).indent >= indent) parents.pop();
    const name = declaredName(text);
    if (pendingIndent === indent) {
      const dotted = [...parents.map((parent) => parent.name), name].join('.');
      if (found.at(-1) !== dotted) found.push(dotted);
    }
    pendingIndent = undefined;
    if (text.endsWith('{')) parents.push({ indent, name });
  }
  return found;
}
