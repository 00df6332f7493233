// Where the OpenAPI generator jar lives and how to get it onto a fresh machine.
// The version and folder come from openapitools.json, so they are pinned in one place only.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const openapitoolsPath = join(repoRoot, 'openapitools.json');

/** The pinned version (or `version`, for an upgrade that has not pinned it yet), its folder and jar. */
export function generatorConfig(version) {
  const config = JSON.parse(readFileSync(openapitoolsPath, 'utf8'))['generator-cli'];
  const jarDir = resolve(repoRoot, config.storageDir);
  const wanted = version ?? config.version;
  return { version: wanted, jarDir, jarPath: join(jarDir, `${wanted}.jar`) };
}

/**
 * The environment for the npm wrapper: it takes its working folder (for `#{cwd}` and storageDir) from
 * $PWD before process.cwd(), and npm sets $PWD to the workspace folder, so it is pinned to the repo root.
 */
export const wrapperEnv = () => ({ ...process.env, PWD: repoRoot, INIT_CWD: repoRoot });

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...opts });

/** The major version of the `java` on PATH, or undefined when there is none. */
export function javaMajorVersion() {
  const result = run('java', ['-version']);
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  if (!match) return undefined;
  // Java 8 and older report "1.8"; 9+ report the major version first.
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

function fetchWithMaven({ version, jarDir, jarPath }, log) {
  const mvn = run('mvn', ['--version']);
  if (mvn.error || mvn.status !== 0) {
    log('  Maven (mvn) is not on PATH: skipping the Maven Central fetch.');
    return false;
  }
  const staging = mkdtempSync(join(tmpdir(), 'openapi-generator-jar-'));
  try {
    log(`  fetching org.openapitools:openapi-generator-cli:${version} from Maven Central with Maven…`);
    const result = run('mvn', [
      '--batch-mode',
      '--quiet',
      'dependency:copy',
      `-Dartifact=org.openapitools:openapi-generator-cli:${version}`,
      `-DoutputDirectory=${staging}`,
    ]);
    const jar = readdirSync(staging).find((name) => name.endsWith('.jar'));
    if (result.status !== 0 || !jar) {
      log(
        `  Maven could not fetch the jar:\n${(result.stdout + result.stderr).trim().split('\n').slice(-5).join('\n')}`,
      );
      return false;
    }
    mkdirSync(jarDir, { recursive: true });
    copyFileSync(join(staging, jar), jarPath);
    return true;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function fetchWithWrapper(log) {
  log('  trying the npm wrapper’s own download (openapi-generator-cli version)…');
  const bin = join(repoRoot, 'node_modules', '.bin', 'openapi-generator-cli');
  if (!existsSync(bin)) {
    log('  the npm wrapper is not installed: run `npm ci` first.');
    return false;
  }
  const result = run(bin, ['--openapitools', openapitoolsPath, 'version'], { cwd: repoRoot, env: wrapperEnv() });
  return result.status === 0;
}

/**
 * Makes sure the pinned generator jar is present: present → use it; else Maven; else the wrapper's own
 * download. Throws an error that says what is missing and what to run.
 */
export function ensureGeneratorJar({ log = console.error, version } = {}) {
  const config = generatorConfig(version);
  const java = javaMajorVersion();
  if (java === undefined || java < 11) {
    throw new Error(
      java === undefined
        ? 'Java is not installed (or not on PATH). The OpenAPI generator needs Java 11 or newer: install a JDK (e.g. `apt-get install openjdk-17-jre-headless`), then run `npm run generate` again.'
        : `Java ${java} is too old: the OpenAPI generator needs Java 11 or newer. Install a newer JDK, then run \`npm run generate\` again.`,
    );
  }
  if (existsSync(config.jarPath)) return config;

  log(`The OpenAPI generator jar ${config.version} is not in ${config.jarDir}; getting it.`);
  if (fetchWithMaven(config, log) && existsSync(config.jarPath)) return config;
  if (fetchWithWrapper(log) && existsSync(config.jarPath)) return config;

  throw new Error(
    [
      `The OpenAPI generator jar ${config.version} is missing and could not be fetched.`,
      `Get it with Maven (needs Maven and access to Maven Central):`,
      `  mvn dependency:copy -Dartifact=org.openapitools:openapi-generator-cli:${config.version} -DoutputDirectory=${config.jarDir}`,
      `  mv ${config.jarDir}/openapi-generator-cli-${config.version}.jar ${config.jarPath}`,
      `or download openapi-generator-cli-${config.version}.jar from Maven Central by hand and save it as ${config.jarPath}.`,
    ].join('\n'),
  );
}
