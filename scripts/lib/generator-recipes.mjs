// The generation recipes of openapitools.json (the one place they live), run straight on the pinned jar: one JVM
// for every spec (openapi-generator's `batch` command) in place of the npm wrapper, which starts a NestJS app and
// runs `java -jar … help` and `… completion` before each generation (three JVMs and a Node start per spec).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openapitoolsPath, repoRoot } from './generator-jar.mjs';
import { run } from './process.mjs';

/** The recipes by key ('checkpoint-api', …), `#{cwd}` replaced by the repository root, as the wrapper does. */
export function generatorRecipes() {
  const { generators } = JSON.parse(readFileSync(openapitoolsPath, 'utf8'))['generator-cli'];
  const placeholders = (value) =>
    typeof value === 'string'
      ? value.split('#{cwd}').join(repoRoot)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, placeholders(inner)]))
        : value;
  return Object.fromEntries(Object.entries(generators).map(([key, recipe]) => [key, placeholders(recipe)]));
}

// openapitools.json names a few settings as the `generate` command's flags do; `batch` reads the generator's
// own setting names (WorkflowSettings, GeneratorSettings). A recipe key missing here is refused, not dropped.
const BATCH_NAMES = {
  generatorName: 'generatorName',
  inputSpec: 'inputSpec',
  output: 'outputDir',
  templateDir: 'templateDir',
  additionalProperties: 'additionalProperties',
  globalProperty: 'globalProperties',
  openapiNormalizer: 'openapiNormalizer',
};

/** One recipe as a `batch` configuration file's content. */
export function batchConfig(key, recipe) {
  const config = {};
  for (const [name, value] of Object.entries(recipe)) {
    if (!(name in BATCH_NAMES)) {
      throw new Error(`openapitools.json: generator ${key}: "${name}" is not a setting scripts/generate.mjs passes on`);
    }
    config[BATCH_NAMES[name]] = value;
  }
  return config;
}

// A run of seconds: the optimising JIT compiler (C2) and the parallel collector cost more CPU than they save here
// (measured: 15 CPU-s with the JVM's defaults, 8 with these, the same output).
const JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * Runs the recipes `keys` in one JVM of the jar at `jarPath` (on its thread pool: their outputs are apart).
 * Returns { ok, out } with the generator's log.
 */
export function runRecipes(jarPath, keys) {
  const recipes = generatorRecipes();
  const dir = mkdtempSync(join(tmpdir(), 'generator-batch-'));
  try {
    const configs = keys.map((key) => {
      if (!recipes[key]) throw new Error(`openapitools.json has no generator "${key}"`);
      const file = join(dir, `${key}.json`);
      writeFileSync(file, JSON.stringify(batchConfig(key, recipes[key]), null, 2));
      return file;
    });
    const result = run('java', [...JVM_OPTIONS, '-jar', jarPath, 'batch', '--fail-fast', ...configs], {
      cwd: repoRoot,
      timeoutMs: 600_000,
    });
    return { ok: result.ok, out: result.out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
