// `cbr help <command>` (listed by `cbr --help` as `help [command]`) is help asked for: the same text on stdout
// as `cbr <command> --help`, exit 0.
import { expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { runCbr } from './support/cbr-process.js';

it.each([
  ['help checkpoint', 'checkpoint --help'],
  ['help', '--help'],
  ['checkpoint help create', 'checkpoint create --help'],
])('`cbr %s` prints what `cbr %s` prints, exit 0', async (viaHelp, viaFlag) => {
  const [help, flag] = await Promise.all([runCbrInProcess(viaHelp.split(' ')), runCbrInProcess(viaFlag.split(' '))]);
  expect(flag.code).toBe(0);
  expect(help.code, help.stderr).toBe(0);
  expect(help.stderr).toBe('');
  expect(help.stdout).not.toBe('');
  expect(help.stdout).toBe(flag.stdout);
});

it('cbr alone still shows the help on stderr as a usage error (exit 2)', async () => {
  const result = await runCbr([]); // in a child process: its real exit code
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('Usage: cbr');
});
