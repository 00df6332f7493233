// For the in-process runs of a command (cbr's main(args, io), cbr-mock-server's): they see all that a child
// process shows only if the code they run reaches the process through its io alone. These find the files of a
// source folder that reach it another way: naming `process` (its streams, environment, exit code, signals) or
// writing with `console`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `process` as a name (`process.env`, `'node:process'`), not a part of one (`processIo`, `./io/process-io.js`). */
const PROCESS = /(?<![\w-])process(?![\w-])/;
/** Output that bypasses the io's streams. */
const CONSOLE = /(?<![\w.])console\s*\./;

/** The code of a TypeScript file without its comments (a comment may say "process"). */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The .ts files under `srcDir` (paths relative to it). */
export const sourceFiles = (srcDir: string): string[] =>
  readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

/** The files under `srcDir`, but those `allowed`, that name `process` or call `console`, each with what it does. */
export function reachingTheProcess(srcDir: string, allowed: readonly string[]): string[] {
  return sourceFiles(srcDir)
    .filter((file) => !allowed.includes(file))
    .flatMap((file) => {
      const code = withoutComments(readFileSync(join(srcDir, file), 'utf8'));
      return [
        ...(PROCESS.test(code) ? [`${file}: names process`] : []),
        ...(CONSOLE.test(code) ? [`${file}: writes with console`] : []),
      ];
    });
}
