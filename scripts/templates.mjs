#!/usr/bin/env node
// `npm run templates -- unpack [<template>…]` / `npm run templates -- pack`: how to change a template override.
// The overrides are kept as patches (packages/checkpoint-api/templates/<template>.patch) on the stock templates
// of the pinned generator. `unpack` writes each overridden template whole (stock + patch), plus any stock
// template named, into packages/checkpoint-api/templates/unpacked/ (git-ignored) to edit; `pack` turns them back
// into patches (a template equal to stock loses its patch) and removes the folder. Then `npm run generate`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureGeneratorJar, repoRoot } from './lib/generator-jar.mjs';
import {
  applyOverrides,
  diffTemplate,
  overriddenTemplates,
  patchesDir,
  stockDir,
  unpackedDir,
} from './lib/template-overrides.mjs';

const [command, ...names] = process.argv.slice(2);
const show = (path) => relative(repoRoot, path);

try {
  const { version, jarPath } = ensureGeneratorJar();
  const stock = stockDir(version, jarPath);
  if (command === 'unpack') {
    if (existsSync(unpackedDir)) throw new Error(`${show(unpackedDir)} exists: \`pack\` or delete it first`);
    applyOverrides({ version, jarPath, outDir: unpackedDir });
    for (const name of names) {
      if (!existsSync(join(stock, name))) throw new Error(`no stock template ${name} in openapi-generator ${version}`);
      if (!existsSync(join(unpackedDir, name))) cpSync(join(stock, name), join(unpackedDir, name));
    }
    console.log(
      `templates: edit ${show(unpackedDir)}/ (${readdirSync(unpackedDir).join(', ')}), then \`npm run templates -- pack\`.`,
    );
    console.log(`  the stock ones of openapi-generator ${version}, to compare: ${show(stock)}/`);
  } else if (command === 'pack') {
    if (!existsSync(unpackedDir)) throw new Error(`nothing to pack: run \`npm run templates -- unpack\` first`);
    mkdirSync(patchesDir, { recursive: true });
    for (const name of readdirSync(unpackedDir).filter((n) => n.endsWith('.mustache'))) {
      if (!existsSync(join(stock, name)))
        throw new Error(`${name} is not a stock template of openapi-generator ${version}`);
      const patch = diffTemplate(
        name,
        readFileSync(join(stock, name), 'utf8'),
        readFileSync(join(unpackedDir, name), 'utf8'),
      );
      const patchPath = join(patchesDir, `${name}.patch`);
      if (patch) writeFileSync(patchPath, patch);
      else rmSync(patchPath, { force: true });
      console.log(`  ${patch ? 'wrote  ' : 'no diff'} ${show(patchPath)}`);
    }
    rmSync(unpackedDir, { recursive: true });
    console.log(
      `templates: the overrides are ${overriddenTemplates().join(', ') || '(none)'}; now \`npm run generate\`.`,
    );
  } else {
    throw new Error('usage: npm run templates -- unpack [<stock template>…] | pack');
  }
} catch (error) {
  console.error(`templates: ${error.message}`);
  process.exit(1);
}
