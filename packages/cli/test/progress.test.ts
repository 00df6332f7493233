// The progress of --wait: a live status line under a real pseudo-terminal (util-linux `script` gives the
// child one), one timestamped line per status change in a pipe; NO_COLOR and FORCE_COLOR honoured.
import { describe, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { runCbr } from './support/cbr-process.js';
import { tokenEnv, VAULT_ID, withMock } from './support/fixtures.js';
import { runInTerminal } from './support/terminal.js';

// Each test has a mock of its own (withMock), so the tests run at once: they mostly wait for a status to change.
// By default the first poll sees "protecting" and the second "available".
const ONE_SECOND = { availableAfterMs: 1_000 };

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control sequences are what is looked for
const SGR = /\x1b\[\d+(;\d+)*m/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control sequences are what is looked for
const ANSI = /\x1b\[[0-9;?]*[a-zA-Z]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

describe.concurrent('on a terminal', () => {
  it('a live status line (spinner, status, elapsed time) that ends in one final line', async ({ expect }) =>
    withMock(ONE_SECOND, async (mock) => {
      const { code, screen } = await runInTerminal(
        ['checkpoint', 'create', '--vault', VAULT_ID, '--wait'],
        tokenEnv(mock),
      );
      expect(code, screen).toBe(0);
      const [stored] = [...mock.store.checkpoints.values()];
      const id = stored?.id as string;
      // Redrawn in place: the cursor is sent back to the start of the line and the line cleared, many times.
      expect(screen).toContain('\x1b[?25l');
      expect(screen).toContain('\x1b[?25h');
      expect(screen.split('\x1b[1G\x1b[0K').length).toBeGreaterThan(5);
      const plain = screen.replace(ANSI, '');
      expect(plain).toMatch(new RegExp(`[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] restore point ${id}: protecting {2}\\d+\\.\\d s`));
      expect(plain).toMatch(new RegExp(`✔ restore point ${id} is available after \\d+\\.\\d s\\r?\\n`));
      // The final line, then the summary; no timestamped log lines.
      expect(plain).toMatch(/^status\s+available\r?$/m);
      expect(plain).not.toMatch(/^\d{4}-\d\d-\d\dT/m);
      // Colours on a colour terminal: the status is green once available.
      expect(screen).toContain('\x1b[32mavailable\x1b[39m');
    }));

  it('NO_COLOR: the same live line, without colours', async ({ expect }) =>
    withMock(ONE_SECOND, async (mock) => {
      const { code, screen } = await runInTerminal(['checkpoint', 'create', '--vault', VAULT_ID, '--wait'], {
        ...tokenEnv(mock),
        NO_COLOR: '1',
      });
      expect(code, screen).toBe(0);
      expect(screen).toContain('\x1b[1G\x1b[0K');
      expect(screen).not.toMatch(SGR);
    }));

  it('a failed wait ends the live line with a final line too', async ({ expect }) =>
    withMock({ availableAfterMs: 60_000 }, async (mock) => {
      const args = ['checkpoint', 'create', '--vault', VAULT_ID, '--wait-timeout', '700ms'];
      const { code, screen } = await runInTerminal(args, tokenEnv(mock));
      expect(code).toBe(3);
      const plain = screen.replace(ANSI, '');
      expect(plain).toMatch(/✖ restore point \S+: protecting; stopped waiting after \d+\.\d s: timed out\r?\n/);
      expect(screen).toContain('\x1b[?25h');
    }));

  it('CI set: the log form even on a terminal', async ({ expect }) =>
    withMock(ONE_SECOND, async (mock) => {
      const { code, screen } = await runInTerminal(['checkpoint', 'create', '--vault', VAULT_ID, '--wait'], {
        ...tokenEnv(mock),
        CI: 'true',
      });
      expect(code).toBe(0);
      expect(screen).not.toContain('\x1b[1G');
      expect(screen).toMatch(/^\d{4}-\d\d-\d\dT\S+Z created restore point/m);
    }));
});

describe.concurrent('in a pipe (CI logs)', () => {
  it('one timestamped line per status change, no control characters', async ({ expect }) =>
    withMock(ONE_SECOND, async (mock) => {
      const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--wait'], {
        env: tokenEnv(mock),
      });
      expect(result.code, result.stderr).toBe(0);
      const [stored] = [...mock.store.checkpoints.values()];
      const id = stored?.id as string;
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z created restore point ${id} of vault ${VAULT_ID}: protecting$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z restore point ${id}: protecting -> available \\(\\d+\\.\\d s\\)$`),
        ),
      ]);
      expect(result.stderr).not.toMatch(CONTROL);
      expect(result.stdout).not.toMatch(CONTROL);
    }));

  it('--wait-for-resources reports the resources too', async ({ expect }) =>
    withMock(ONE_SECOND, async (mock) => {
      const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--wait-for-resources'], {
        env: tokenEnv(mock),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/protecting \(resources: protecting\) -> available \(resources: available\)/);
    }));

  // In a child process: Node's own colour rules, on the real environment (in process, cbr applies them to its own).
  it('FORCE_COLOR: colours even in a pipe', async ({ expect }) =>
    withMock({ availableAfterMs: 0 }, async (mock) => {
      const result = await runCbr(['checkpoint', 'create', '--vault', VAULT_ID, '--wait'], {
        env: { ...tokenEnv(mock), FORCE_COLOR: '1' },
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('\x1b[32mavailable\x1b[39m');
    }));
});
