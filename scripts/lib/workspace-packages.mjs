// The workspace's packages as they are on disk (packages/*/package.json), so that scripts which must cover
// "every published package" (API reports, package metadata, compatibility) also cover one added later.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from './files.mjs';
import { repoRoot } from './generator-jar.mjs';

/** Every package under packages/: { name, folder, dir, manifest, published } (published: not `private`). */
export function workspacePackages(root = repoRoot) {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = readJson(join(dir, 'package.json'));
      return { name: manifest.name, folder: entry.name, dir, manifest, published: manifest.private !== true };
    })
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/** The published packages that depend on `name` at run time (dependencies or peerDependencies), transitively. */
export function dependentsOf(name, packages) {
  const found = new Set();
  const visit = (target) => {
    for (const pkg of packages) {
      const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
      if (pkg.published && !found.has(pkg.name) && (target in dependencies || target in peerDependencies)) {
        found.add(pkg.name);
        visit(pkg.name);
      }
    }
  };
  visit(name);
  return packages.filter((pkg) => found.has(pkg.name)).map((pkg) => pkg.name);
}
