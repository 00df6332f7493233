// The entry points a package's consumers import, read from its exports map: one API report each.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The declaration file a condition object resolves to for an `import` (the ESM types consumers see). */
function esmTypes(target) {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (!target || typeof target !== 'object') return undefined;
  if (typeof target.types === 'string' && !target.types.endsWith('.d.cts')) return target.types;
  for (const condition of ['import', 'default']) {
    const found = target[condition] && esmTypes(target[condition]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Each subpath of `pkg`'s exports map that has ESM types: { subpath, typesPath, reportName }, where reportName
 * is the unscoped package name, plus the subpath for any but the root (`checkpoint-api`, `checkpoint-api-iam`).
 * A package without exports falls back to its `types` field; a bin-only package has none.
 */
export function entryPoints(pkg) {
  const unscoped = pkg.name.replace(/^@[^/]+\//, '');
  const { exports, types } = pkg.manifest;
  const subpaths =
    exports && typeof exports === 'object' && Object.keys(exports).some((key) => key.startsWith('.'))
      ? Object.entries(exports)
      : [['.', exports ?? (types ? { types } : undefined)]];
  return subpaths
    .filter(([subpath]) => !subpath.endsWith('.json') && !subpath.includes('*'))
    .map(([subpath, target]) => ({ subpath, typesFile: esmTypes(target) }))
    .filter(({ typesFile }) => typesFile)
    .map(({ subpath, typesFile }) => ({
      subpath,
      typesPath: join(pkg.dir, typesFile),
      reportName: subpath === '.' ? unscoped : `${unscoped}-${subpath.slice(2).replace(/[^\w.-]+/g, '-')}`,
      built: existsSync(join(pkg.dir, typesFile)),
    }));
}
