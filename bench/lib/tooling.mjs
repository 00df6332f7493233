// Developer-loop timings: one `npm run generate`, and a no-op turbo build (the second of two runs, which
// should be a full cache hit).
import { spawnSync } from 'node:child_process';
import { runCommand } from './processes.mjs';

function javaVersion() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return /version "([^"]+)"/.exec(result.stderr)?.[1] ?? 'unknown';
}

function gitStatus(root, path) {
  const result = spawnSync('git', ['status', '--porcelain', '--', path], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export async function measureGenerate({ root, env }) {
  const java = javaVersion();
  if (java === undefined) return { skipped: 'Java is not installed (the generator needs Java 11+)' };
  const before = gitStatus(root, 'packages/checkpoint-api');
  const run = await runCommand('npm', ['run', 'generate'], { cwd: root, env, timeoutMs: 300_000 });
  const after = gitStatus(root, 'packages/checkpoint-api');
  return {
    java,
    ms: run.ms,
    ok: run.code === 0,
    output: run.code === 0 ? undefined : (run.stdout + run.stderr).slice(-2000),
    // Generation is deterministic: the tree of the generated package should be as it was.
    changedTree: before !== after,
  };
}

export async function measureTurboNoop({ root, env }) {
  const args = ['turbo', 'run', 'build', '--output-logs=errors-only'];
  const turboEnv = { ...env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' };
  const first = await runCommand('npx', args, { cwd: root, env: turboEnv, timeoutMs: 600_000 });
  const second = await runCommand('npx', args, { cwd: root, env: turboEnv, timeoutMs: 600_000 });
  const summary = (run) => {
    const text = run.stdout + run.stderr;
    return {
      ms: run.ms,
      ok: run.code === 0,
      cached: /Cached:\s+([^\n]*)/.exec(text)?.[1]?.trim(),
      fullTurbo: /FULL TURBO/.test(text),
      output: run.code === 0 ? undefined : text.slice(-2000),
    };
  };
  return { first: summary(first), second: summary(second) };
}
