// The runtime named in the User-Agent: Bun and Deno emulate a Node version, so they must be told apart first.
// (test:runtimes checks the real header under Bun and Deno; here, each branch with the globals they expose.)
import { describe, expect, it } from 'vitest';
import { runtimeOf } from '../src/config/user-agent.js';

describe('runtimeOf', () => {
  it('names Node by its version', () => {
    expect(runtimeOf({ process: { versions: { node: '20.20.2' } } })).toBe('node/20.20.2');
    expect(runtimeOf()).toBe(`node/${process.versions.node}`);
  });

  it('names Bun, not the Node version it reports', () => {
    expect(runtimeOf({ process: { versions: { node: '26.3.0', bun: '1.4.5' } } })).toBe('bun/1.4.5');
  });

  it('names Deno, not the Node version its process global reports', () => {
    expect(runtimeOf({ process: { versions: { node: '26.3.0' } }, Deno: { version: { deno: '2.9.6' } } })).toBe(
      'deno/2.9.6',
    );
  });

  it('names nothing in a browser (no process, no Deno)', () => {
    expect(runtimeOf({})).toBeUndefined();
    expect(runtimeOf({ process: {} })).toBeUndefined();
  });
});
