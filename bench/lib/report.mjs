// Turns the measurements into the markdown report and the SVG chart.
import { BASELINE } from '../clients/index.mjs';

const MB = 1024 * 1024;
const fmt = (n, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
const ratio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
const signed = (n, digits = 1) => (Number.isFinite(n) ? `${n >= 0 ? '+' : '−'}${fmt(Math.abs(n), digits)}` : '–');
const mb = (bytes) => fmt(bytes / MB, 1);
/** Cold start budget: importing the SDK may cost at most this much over `node -e 0` (issue 11). */
export const COLD_START_BUDGET_MS = 25;
const holds = (ok) => (ok === undefined ? 'n/a' : ok ? '**holds**' : '**missed**');

export function evaluateTargets(results) {
  const t = results.throughput?.summary ?? {};
  const rps = (client, c) => t[client]?.[c]?.rps;
  const targets = [];
  const add = (name, measured, ok, note = '') => targets.push({ name, measured, ok, note });

  const tokenVsRaw = rps('cbr-token', 16) / rps(BASELINE, 16);
  add(
    '`@cbr-sdk/checkpoint` (token) ≥ 0.6× raw node:http throughput at c=16',
    `${ratio(tokenVsRaw)} (${fmt(rps('cbr-token', 16))} vs ${fmt(rps(BASELINE, 16))} req/s)`,
    Number.isFinite(tokenVsRaw) ? tokenVsRaw >= 0.6 : undefined,
    Number.isFinite(tokenVsRaw) && tokenVsRaw < 0.6
      ? `short by ${fmt((0.6 - tokenVsRaw) * rps(BASELINE, 16))} req/s (needs ${fmt(0.6 * rps(BASELINE, 16))})`
      : '',
  );
  for (const c of [16, 1]) {
    const vsCore = rps('cbr-token', c) / rps('huawei-core', c);
    add(
      `\`@cbr-sdk/checkpoint\` (token) ≥ 2.5× the official core (AK/SK), c=${c}`,
      `${ratio(vsCore)} (${fmt(rps('cbr-token', c))} vs ${fmt(rps('huawei-core', c))} req/s)`,
      Number.isFinite(vsCore) ? vsCore >= 2.5 : undefined,
      Number.isFinite(vsCore) && vsCore < 2.5 ? `needs ${fmt(2.5 * rps('huawei-core', c))} req/s` : '',
    );
  }
  const passwordVsToken = rps('cbr-password', 16) / rps('cbr-token', 16);
  add(
    '`@cbr-sdk/checkpoint` (password, token cached) within noise of the token client (≥ 0.9×) at c=16',
    `${ratio(passwordVsToken)} (${fmt(rps('cbr-password', 16))} vs ${fmt(rps('cbr-token', 16))} req/s)`,
    Number.isFinite(passwordVsToken) ? passwordVsToken >= 0.9 : undefined,
  );
  const providerVsAksk = rps('cbr-provider', 16) / rps('cbr-aksk', 16);
  add(
    '`@cbr-sdk/checkpoint` (temporary keys from a provider, cached) within 5 % of static AK/SK (≥ 0.95×) at c=16',
    `${ratio(providerVsAksk)} (${fmt(rps('cbr-provider', 16))} vs ${fmt(rps('cbr-aksk', 16))} req/s)`,
    Number.isFinite(providerVsAksk) ? providerVsAksk >= 0.95 : undefined,
  );
  for (const c of [16, 1]) {
    const akskVsCore = rps('cbr-aksk', c) / rps('huawei-core', c);
    add(
      `AK/SK signing path ≥ 2× the official core, c=${c}`,
      `${ratio(akskVsCore)} (${fmt(rps('cbr-aksk', c))} vs ${fmt(rps('huawei-core', c))} req/s)`,
      Number.isFinite(akskVsCore) ? akskVsCore >= 2 : undefined,
      Number.isFinite(akskVsCore) && akskVsCore < 2 ? `needs ${fmt(2 * rps('huawei-core', c))} req/s` : '',
    );
  }
  const cold = Object.fromEntries((results.coldStart ?? []).map((v) => [v.id, v.ms]));
  for (const [id, what] of [
    ['cbr-cjs', "`require('@cbr-sdk/checkpoint')`"],
    ['cbr-esm', "`import('@cbr-sdk/checkpoint')` (ESM)"],
  ]) {
    const extra = cold[id] - cold.node;
    add(
      `Cold start: ${what} ≤ \`node -e 0\` + ${COLD_START_BUDGET_MS} ms`,
      `${signed(extra)} ms (${fmt(cold[id], 1)} vs ${fmt(cold.node, 1)} ms)`,
      Number.isFinite(extra) ? extra <= COLD_START_BUDGET_MS : undefined,
      Number.isFinite(extra) && extra > COLD_START_BUDGET_MS
        ? `over by ${fmt(extra - COLD_START_BUDGET_MS, 1)} ms`
        : '',
    );
  }
  const leak = results.leak;
  add(
    `Memory: ${fmt(leak?.calls)} calls keep RSS flat`,
    leak?.verdict?.summary ?? leak?.error ?? 'not run',
    leak?.verdict ? leak.verdict.flat : undefined,
  );
  const mock = results.mockServer;
  const [few, many] = mock?.throughput ?? [];
  add(
    `Mock server: creates/s with ${fmt(many?.stored ?? 200_000)} restore points stored ≥ 0.8× with ${fmt(few?.stored ?? 1_000)} (c=16, keep-alive)`,
    mock?.error
      ? `failed: ${mock.error.split('\n')[0]}`
      : `${ratio(mock?.ratio)} (${fmt(many?.rps)} vs ${fmt(few?.rps)} creates/s)`,
    Number.isFinite(mock?.ratio) ? mock.ratio >= 0.8 : undefined,
  );
  const memory = mock?.memory;
  add(
    `Mock server: RSS flat once \`maxCheckpoints\` (${fmt(memory?.cap)}) is reached, over ${fmt(memory?.creates)} creates`,
    memory?.verdict?.summary ?? mock?.error ?? 'not run',
    memory?.verdict?.flat,
  );
  return targets;
}

/** Whether RSS and heap stay flat: compares the end of the run with the samples after warm-up. */
export function judgeLeak(samples) {
  if (!samples || samples.length < 4) return undefined;
  const warm = samples[Math.min(2, samples.length - 2)];
  const last = samples[samples.length - 1];
  const rssGrowth = last.rss - warm.rss;
  const heapGrowth = last.heapUsed - warm.heapUsed;
  const span = last.calls - warm.calls;
  const perTenK = (bytes) => (bytes / span) * 10_000;
  // Growth that survives GC of more than ~1 KiB per call would be a leak (16 MiB over 100k calls); a few MiB of
  // RSS drift is the allocator settling.
  const flat = rssGrowth < 16 * MB && heapGrowth < 4 * MB;
  return {
    flat,
    warmCalls: warm.calls,
    rssGrowth,
    heapGrowth,
    summary: `RSS ${signed(rssGrowth / MB)} MB, heap ${signed(heapGrowth / MB)} MB between call ${fmt(warm.calls)} and call ${fmt(last.calls)} (${signed(perTenK(heapGrowth) / 1024)} KiB of heap per 10k calls)`,
  };
}

export function markdownReport(results, labels) {
  const lines = [];
  const { env, settings } = results;
  lines.push('# Benchmark results', '');
  lines.push(
    `Run ${env.date} with \`${settings.command}\` (${settings.quick ? 'quick smoke mode: few rounds and requests, figures are rough' : 'full run'}), ${fmt(results.totalMs / 1000, 0)} s in all.`,
  );
  lines.push(
    `Machine: ${env.cpus} cores (${env.cpuModel}), ${env.totalMemGb} GB RAM, Node ${env.node}, ${env.os}; load average ${env.loadAverage} before the run, ${env.loadAverageAfter} after (other work on the machine skews the figures).`,
  );
  lines.push(`Code: \`${env.commit}\`${env.dirty ? ` with uncommitted changes in ${env.dirty}` : ''}.`, '');

  const t = results.throughput;
  if (t) {
    lines.push('## Throughput and latency', '');
    lines.push(
      `One \`createCheckpoint\` (POST /v3/{project_id}/checkpoints, the seed's example request and answer) per call against a loopback server in its own process. ` +
        `Each (client, concurrency, round) runs in a fresh process: ${fmt(settings.warmupMs / 1000, 1)} s of warm-up calls, then ${fmt(settings.durationMs / 1000, 1)} s of calls by c callers in a closed loop (each sends its next call when the last one is answered). ` +
        `${settings.rounds} rounds, clients interleaved (order rotated each round); medians over rounds. Ratios are against raw node:http.`,
      '',
    );
    lines.push(
      '| Client | req/s c=16 | vs raw | req/s c=1 | vs raw | p50 / p99 c=16 (ms) | p50 / p99 c=1 (ms) | client CPU per call c=16 (µs) | peak RSS c=16 (MB) | c=16 req/s range |',
    );
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    const base = t.summary[BASELINE] ?? {};
    for (const [client, byC] of Object.entries(t.summary)) {
      const s16 = byC[16] ?? {};
      const s1 = byC[1] ?? {};
      if (s16.error || s1.error) {
        lines.push(`| ${labels[client]} | failed: ${(s16.error ?? s1.error).split('\n')[0].slice(0, 200)} ||||||||| `);
        continue;
      }
      lines.push(
        `| ${labels[client]} | ${fmt(s16.rps)} | ${ratio(s16.rps / base[16]?.rps)} | ${fmt(s1.rps)} | ${ratio(s1.rps / base[1]?.rps)} | ` +
          `${fmt(s16.p50, 2)} / ${fmt(s16.p99, 2)} | ${fmt(s1.p50, 2)} / ${fmt(s1.p99, 2)} | ${fmt(s16.cpuMicrosPerCall)} | ${mb(s16.maxRss)} | ${fmt(s16.minRps)}–${fmt(s16.maxRps)} |`,
      );
    }
    lines.push('');
    lines.push(
      "Client CPU per call is the worker process's user + system CPU time during the timed part divided by the calls: the cost of the client itself, whatever the server does. " +
        "Peak RSS is the kernel's maxrss of the worker process (module loading included). Every client kept its sockets alive: " +
        Object.entries(t.summary)
          .map(([client, byC]) => `${client} ${fmt(byC[1]?.connections)}/${fmt(byC[16]?.connections)}`)
          .join(', ') +
        ' connections opened per run at c=1/c=16 (median).',
      '',
    );
    lines.push('![Throughput per client](throughput.svg)', '');
  }

  lines.push('## Targets', '');
  lines.push('| Target | Measured | Result | Gap |', '|---|---|---|---|');
  for (const target of evaluateTargets(results)) {
    lines.push(`| ${target.name} | ${target.measured} | ${holds(target.ok)} | ${target.note} |`);
  }
  lines.push('');

  if (results.coldStart) {
    lines.push('## Cold start', '');
    lines.push(
      `Wall time of \`node <args>\` from spawn to exit, from the repository root; median of ${settings.coldRuns} fresh processes per command, interleaved (after one untimed pass). ` +
        `Importing \`@cbr-sdk/checkpoint\` does not load axios (its tests prove it in fresh processes); the budget is \`node -e 0\` + ${COLD_START_BUDGET_MS} ms.`,
      '',
    );
    const cold = Object.fromEntries(results.coldStart.map((v) => [v.id, v.ms]));
    lines.push(
      '| Command | median (ms) | over `node -e 0` | over axios alone (same module system) |',
      '|---|--:|--:|--:|',
    );
    for (const v of results.coldStart) {
      const axiosRef = v.id.endsWith('-esm') ? cold['axios-esm'] : cold['axios-cjs'];
      const overAxios = v.id === 'node' || v.id.startsWith('axios') ? '' : signed(v.ms - axiosRef);
      lines.push(`| ${v.label} | ${fmt(v.ms, 1)} | ${signed(v.ms - cold.node)} | ${overAxios} |`);
    }
    lines.push('');
  } else if (results.coldStartError) {
    lines.push('## Cold start', '', `Failed: ${results.coldStartError}`, '');
  }

  const b = results.bundle;
  if (b) {
    lines.push('## Browser bundle (token auth)', '');
    if (b.error) {
      lines.push(`esbuild ${b.esbuildVersion} (platform browser) **failed**: ${b.error}`, '');
    } else {
      lines.push(
        `A consumer that imports \`CbrClient\` and calls \`checkpoints.create\` with a token, bundled by esbuild ${b.esbuildVersion} (JS API, platform browser, ESM, minify): ` +
          `**${fmt(b.minified / 1024, 1)} KiB minified, ${fmt(b.gzipped / 1024, 1)} KiB gzipped** (zlib level 9).`,
        '',
      );
      lines.push('| Package | minified bytes in the bundle |', '|---|--:|');
      for (const [name, bytes] of b.byPackage.slice(0, 8)) lines.push(`| ${name} | ${fmt(bytes)} |`);
      if (b.warnings.length) lines.push('', `esbuild warnings: ${b.warnings.join('; ')}`);
      lines.push('');
    }
  }

  const mock = results.mockServer;
  if (mock) {
    lines.push('## Mock server at scale', '');
    if (mock.error) lines.push(`Failed: ${mock.error}`, '');
    if (mock.throughput) {
      lines.push(
        `\`@cbr-sdk/mock-server\` in its own process, loaded by raw node:http creates (the seed's request, keep-alive) from another at c=${mock.concurrency}: ` +
          `${mock.rounds} rounds of ${fmt(mock.durationMs / 1000, 1)} s per size, sizes interleaved; median. Each server is held at its size by \`maxCheckpoints\` ` +
          '(filled to it first), so every create also forgets the oldest restore point. `availableAfterMs: 0`, so the same server can be backed up again at once.',
        '',
      );
      lines.push('| Restore points stored | creates/s (median) | range | vs the smallest |', '|--:|--:|--:|--:|');
      for (const row of mock.throughput) {
        lines.push(
          `| ${fmt(row.stored)} | ${fmt(row.rps)} | ${fmt(row.minRps)}–${fmt(row.maxRps)} | ${ratio(row.rps / mock.throughput[0].rps)} |`,
        );
      }
      lines.push('');
    }
    const memory = mock.memory;
    if (memory?.samples) {
      lines.push(
        `Memory: ${fmt(memory.creates)} creates over HTTP at c=${mock.concurrency} against a mock with \`maxCheckpoints\` ${fmt(memory.cap)}` +
          `${memory.maxCheckpoints ? '' : ' (the default)'}, ${fmt(memory.elapsedMs / 1000, 1)} s; RSS and heap of the server process after two forced GCs every ${fmt(memory.every)} creates. ` +
          `Verdict (reported, not asserted): **${memory.verdict?.flat ? 'flat' : memory.verdict?.flat === false ? 'growing' : 'n/a'}**: ${memory.verdict?.summary}.`,
        '',
      );
      lines.push('| Creates | kept | forgotten | RSS (MB) | heapUsed (MB) |', '|--:|--:|--:|--:|--:|');
      for (const s of memory.samples) {
        lines.push(`| ${fmt(s.created)} | ${fmt(s.stored)} | ${fmt(s.forgotten)} | ${mb(s.rss)} | ${mb(s.heapUsed)} |`);
      }
      lines.push('');
    }
  }

  const leak = results.leak;
  if (leak) {
    lines.push('## Memory over many calls', '');
    if (leak.error) {
      lines.push(`Failed: ${leak.error}`, '');
    } else {
      lines.push(
        `${fmt(leak.calls)} calls of @cbr-sdk/checkpoint (token) at c=${leak.concurrency} in one process (\`--expose-gc\`), ` +
          `${fmt(leak.elapsedMs / 1000, 1)} s; RSS and heap after two forced GCs every ${fmt(leak.every)} calls. ` +
          `Verdict (reported, not asserted): **${leak.verdict?.flat ? 'flat' : 'growing'}**: ${leak.verdict?.summary}.`,
        '',
      );
      lines.push('| Calls | RSS (MB) | heapUsed (MB) | external (MB) |', '|--:|--:|--:|--:|');
      for (const s of leak.samples)
        lines.push(`| ${fmt(s.calls)} | ${mb(s.rss)} | ${mb(s.heapUsed)} | ${mb(s.external)} |`);
      lines.push('');
    }
  }

  const tooling = results.tooling;
  lines.push('## Developer loop', '');
  if (!tooling) {
    lines.push('Not measured in this run (`--quick` or `--skip-tooling`).', '');
  } else {
    const g = tooling.generate;
    if (g.skipped) lines.push(`- \`npm run generate\`: skipped: ${g.skipped}.`);
    else if (g.error) lines.push(`- \`npm run generate\`: could not run: ${g.error}`);
    else
      lines.push(
        `- \`npm run generate\` (Java ${g.java}): ${g.ok ? `${fmt(g.ms / 1000, 1)} s` : `failed after ${fmt(g.ms / 1000, 1)} s: ${g.output}`}` +
          `${g.changedTree ? ' (it changed the tree of packages/checkpoint-api: the committed output was not up to date)' : '; the generated tree was unchanged'}.`,
      );
    const turbo = tooling.turbo;
    if (turbo.error) lines.push(`- turbo: could not run: ${turbo.error}`);
    else
      lines.push(
        `- \`npx turbo run build\`: first run ${fmt(turbo.first.ms / 1000, 1)} s (${turbo.first.cached ?? '?'}), ` +
          `second (no-op) run **${fmt(turbo.second.ms / 1000, 2)} s** (${turbo.second.cached ?? '?'}${turbo.second.fullTurbo ? ', FULL TURBO' : ''})` +
          `${turbo.first.ok && turbo.second.ok ? '' : `; failed: ${(turbo.first.output ?? turbo.second.output ?? '').slice(-500)}`}.`,
      );
    lines.push('');
  }
  return lines.join('\n');
}

const escapeXml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Horizontal bars: throughput at c=16 and c=1 per client, with the ratio to raw node:http. */
export function throughputSvg(results, labels) {
  const summary = results.throughput?.summary ?? {};
  const clients = Object.keys(summary).filter((c) => Number.isFinite(summary[c][16]?.rps));
  // Room for the longest label (about 7 px a character at 13 px).
  const left = 20 + Math.max(...clients.map((c) => (labels[c] ?? c).length)) * 7;
  const width = left + 690;
  const barArea = 520;
  const barHeight = 16;
  const groupHeight = barHeight * 2 + 18;
  const top = 78;
  const height = top + clients.length * groupHeight + 40;
  const max = Math.max(...clients.flatMap((c) => [summary[c][16]?.rps ?? 0, summary[c][1]?.rps ?? 0]), 1);
  const x = (value) => (value / max) * barArea;
  const base = summary[BASELINE] ?? {};
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">createCheckpoint throughput per client at concurrency 16 and 1, ${escapeXml(results.settings.command)}, ${escapeXml(results.env.date)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="26" font-size="16" font-weight="bold">createCheckpoint throughput against a loopback server (req/s, higher is better)</text>`,
    `<text x="20" y="46" fill="#555">Median of ${results.settings.rounds} rounds · ${escapeXml(results.env.cpus)} cores · Node ${escapeXml(results.env.node)} · ${escapeXml(results.env.date.slice(0, 10))} · ratio to raw node:http in brackets</text>`,
    `<rect x="${left}" y="56" width="12" height="12" fill="#1d4ed8"/><text x="${left + 18}" y="66">concurrency 16</text>`,
    `<rect x="${left + 130}" y="56" width="12" height="12" fill="#93c5fd"/><text x="${left + 148}" y="66">concurrency 1</text>`,
  );
  clients.forEach((client, i) => {
    const y = top + i * groupHeight;
    out.push(
      `<text x="${left - 10}" y="${y + barHeight + 4}" text-anchor="end">${escapeXml(labels[client] ?? client)}</text>`,
    );
    for (const [row, c, color] of [
      [0, 16, '#1d4ed8'],
      [1, 1, '#93c5fd'],
    ]) {
      const value = summary[client][c]?.rps;
      if (!Number.isFinite(value)) continue;
      const by = y + row * barHeight;
      const w = Math.max(1, x(value));
      out.push(
        `<rect x="${left}" y="${by}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${color}"/>`,
        `<text x="${(left + w + 6).toFixed(1)}" y="${by + barHeight - 4}" font-size="12">${escapeXml(`${fmt(value)} (${ratio(value / base[c]?.rps)})`)}</text>`,
      );
    }
  });
  if (Number.isFinite(base[16]?.rps)) {
    const tx = left + x(0.6 * base[16].rps);
    out.push(
      `<line x1="${tx.toFixed(1)}" y1="${top - 4}" x2="${tx.toFixed(1)}" y2="${top + clients.length * groupHeight - 10}" stroke="#dc2626" stroke-dasharray="4 3"/>`,
      `<text x="${tx.toFixed(1)}" y="${top + clients.length * groupHeight + 6}" text-anchor="middle" fill="#dc2626" font-size="12">target for @cbr-sdk/checkpoint (token): 0.6× raw at c=16</text>`,
    );
  }
  out.push(
    `<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${top + clients.length * groupHeight - 10}" stroke="#333"/>`,
  );
  out.push('</svg>', '');
  return out.join('\n');
}
