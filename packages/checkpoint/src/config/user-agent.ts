// The User-Agent the SDK announces (in Node, Bun and Deno; browsers do not let scripts set it).
declare const __SDK_VERSION__: string;

/** The version of this SDK (`@cbr-sdk/checkpoint`), as sent in its User-Agent. */
export const SDK_VERSION: string = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0-dev';

interface RuntimeGlobals {
  process?: { versions?: { node?: string; bun?: string } };
  Deno?: { version?: { deno?: string } };
}

/**
 * The server-side runtime as `name/version`, or undefined in a browser. Bun and Deno also report a Node
 * version (of the API they emulate), so they are asked first.
 */
export function runtimeOf(global: RuntimeGlobals = globalThis as RuntimeGlobals): string | undefined {
  const deno = global.Deno?.version?.deno;
  if (typeof deno === 'string') return `deno/${deno}`;
  const versions = global.process?.versions;
  if (typeof versions?.bun === 'string') return `bun/${versions.bun}`;
  if (typeof versions?.node === 'string') return `node/${versions.node}`;
  return undefined;
}

const runtime = runtimeOf();

export function userAgentHeader(suffix: string | undefined): Record<string, string> {
  if (runtime === undefined) return {};
  const base = `cbr-sdk-typescript/${SDK_VERSION} ${runtime}`;
  return { 'User-Agent': suffix ? `${base} ${suffix}` : base };
}
