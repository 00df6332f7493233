// The pending changesets (.changeset/*.md) and the version bump they give each package, as `changeset version`
// will: the highest bump any changeset names, then the same bump for every member of a fixed group.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

export const BUMPS = ['none', 'patch', 'minor', 'major'];
export const rank = (bump) => BUMPS.indexOf(bump);
export const higher = (a, b) => (rank(a) >= rank(b) ? a : b);

/** Each pending changeset: { file, releases: { name: bump }, summary }. Throws on a malformed one, naming it. */
export function readChangesets(changesetDir) {
  if (!existsSync(changesetDir)) return [];
  return readdirSync(changesetDir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => {
      const text = readFileSync(join(changesetDir, name), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`.changeset/${name}: no front matter (--- "package": bump ---)`);
      const releases = YAML.parse(match[1]) ?? {};
      for (const [pkg, bump] of Object.entries(releases)) {
        if (!['patch', 'minor', 'major'].includes(bump)) {
          throw new Error(`.changeset/${name}: "${pkg}": ${bump} is not patch, minor or major`);
        }
      }
      return { file: `.changeset/${name}`, releases, summary: match[2].trim() };
    });
}

/** The fixed groups of .changeset/config.json, as lists of package-name patterns ("@cbr-sdk/*"). */
export function fixedGroups(changesetDir) {
  const configPath = join(changesetDir, 'config.json');
  if (!existsSync(configPath)) return [];
  return JSON.parse(readFileSync(configPath, 'utf8')).fixed ?? [];
}

const matches = (pattern, name) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name);

/**
 * The bump each package will get: { name: { named, effective } }. `named` is the highest bump a changeset names
 * for the package itself (its changelog will say why); `effective` also counts its fixed group.
 */
export function bumpsByPackage(changesets, groups, packageNames) {
  const result = Object.fromEntries(packageNames.map((name) => [name, { named: 'none', effective: 'none' }]));
  for (const { releases } of changesets) {
    for (const [name, bump] of Object.entries(releases)) {
      result[name] ??= { named: 'none', effective: 'none' };
      result[name].named = higher(result[name].named, bump);
      result[name].effective = higher(result[name].effective, bump);
    }
  }
  for (const group of groups) {
    const members = Object.keys(result).filter((name) => group.some((pattern) => matches(pattern, name)));
    const top = members.reduce((bump, name) => higher(bump, result[name].effective), 'none');
    for (const name of members) result[name].effective = top;
  }
  return result;
}
