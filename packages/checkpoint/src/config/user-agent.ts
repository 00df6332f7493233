// The User-Agent the SDK announces (in Node; browsers do not let scripts set it).
declare const __SDK_VERSION__: string;

export const SDK_VERSION: string = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0-dev';

const isNode = typeof globalThis.process?.versions?.node === 'string';

export function userAgentHeader(suffix: string | undefined): Record<string, string> {
  if (!isNode) return {};
  const base = `cbr-sdk-typescript/${SDK_VERSION} node/${globalThis.process.versions.node}`;
  return { 'User-Agent': suffix ? `${base} ${suffix}` : base };
}
