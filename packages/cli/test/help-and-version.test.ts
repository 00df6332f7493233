// --help (every command, with examples and the exit codes), --version, and the committed bin's message
// when the package is not built.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { BIN, runCbr } from './support/cbr-process.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// In a child process: the version is what the real process prints, with nothing of Node's around it.
it('--version prints the package version', async () => {
  for (const flag of ['--version', '-V']) {
    const result = await runCbr([flag]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  }
});

it.each([
  [[], ['checkpoint create', 'HUAWEICLOUD_SDK_TOKEN', 'CBR_ENDPOINT', 'Durations: 90s, 15m, 1h']],
  [['checkpoint'], ['create [options]', 'get [options] <checkpoint-id>', 'wait [options] <checkpoint-id>']],
  [
    ['checkpoint', 'create'],
    [
      '--vault <vault-id>',
      '--resource <id>',
      '--no-incremental',
      '--wait-timeout <duration>',
      '--poll-interval <duration>',
    ],
  ],
  [
    ['checkpoint', 'get'],
    ['<checkpoint-id>', '--json'],
  ],
  [
    ['checkpoint', 'wait'],
    ['--wait-for-resources', '--wait-timeout <duration>', '--poll-interval <duration>'],
  ],
])('cbr %j --help: options, examples, global options and exit codes', async (command, expected) => {
  const result = await runCbrInProcess([...command, '--help']);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  for (const text of expected) expect(result.stdout).toContain(text);
  expect(result.stdout).toMatch(/Examples:\n {2}\$ cbr checkpoint/);
  expect(result.stdout).toContain('--token-stdin');
  for (const code of ['0 ', '1 ', '2 ', '3 ', '4 ', '130 ']) expect(result.stdout).toContain(`\n  ${code}`);
});

it('the bin says to build when dist/ is missing (a fresh clone before `npm run build`)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cbr-unbuilt-'));
  try {
    cpSync(BIN, join(dir, 'bin', 'cbr.cjs'));
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'cbr.cjs'), '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${join(dir, 'dist', 'main.cjs')} is missing`);
    expect(result.stderr).toContain('npm run build');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a reader that goes away (`cbr --help | head -0`) ends cbr quietly', async () => {
  const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // closed before cbr writes: its write fails with EPIPE
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => child.once('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
