// Every process the bench starts goes through here, so that all of them are ended when the run ends,
// whether it ends well, throws, or is interrupted (Ctrl-C, SIGTERM).
import { fork, spawn } from 'node:child_process';

const live = new Set();

function killTree(child, signal = 'SIGKILL') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Detached children lead their own process group: end it whole (npm, turbo and java start their own).
    if (child.benchDetached) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

export function killAll() {
  for (const child of live) killTree(child);
  live.clear();
}

let installed = false;
function installExitHandlers() {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

function track(child, detached) {
  installExitHandlers();
  child.benchDetached = detached;
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Forks a Node script with an IPC channel; it is killed when the run ends. */
export function forkTracked(script, args = [], options = {}) {
  return track(fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options }), false);
}

/**
 * Runs a command to completion (own process group, killed with its descendants on timeout or when the run
 * ends). Resolves { code, signal, stdout, stderr, ms, timedOut }.
 */
export function runCommand(command, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }), true);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Waits for the first IPC message of a forked child that satisfies `accept`; rejects if it exits first. */
export function nextMessage(child, accept = () => true, timeoutMs = 180_000) {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message) => {
      if (message?.type === 'error') {
        cleanup();
        reject(new Error(message.message));
      } else if (accept(message)) {
        cleanup();
        resolve(message);
      }
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`child exited (code ${code}, signal ${signal}) before answering`));
    };
    const timer = setTimeout(() => {
      cleanup();
      killTree(child);
      reject(new Error(`child did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Forks a worker script with `config` (JSON) as its argument; resolves its `result` message once it exited. */
export async function runWorkerScript(script, config, { cwd, env, execArgv = [], timeoutMs = 600_000 } = {}) {
  const worker = forkTracked(script, [JSON.stringify(config)], { cwd, env, execArgv });
  const exited = new Promise((resolveExit) => worker.once('exit', resolveExit));
  try {
    return await nextMessage(worker, (m) => m.type === 'result', timeoutMs);
  } finally {
    await exited;
  }
}
