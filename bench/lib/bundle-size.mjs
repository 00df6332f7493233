// The browser bundle of a token-auth consumer: esbuild (its JS API), platform browser, minified, then gzip.
// Also says which packages the bytes come from (esbuild's metafile).
import { gzipSync } from 'node:zlib';

const CONSUMER = `import { CbrClient } from '@cbr-sdk/checkpoint';
const cbr = new CbrClient({ endpoint: 'https://cbr.cn-north-4.myhuaweicloud.com', projectId: 'p', credentials: { token: 't' } });
cbr.checkpoints.create({ vault_id: 'v' }).then((checkpoint) => console.log(checkpoint.id));
`;

function packageOf(path) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match) return match[1];
  const workspace = /packages\/([^/]+)\//.exec(path);
  return workspace ? `@cbr-sdk/${workspace[1]}` : path;
}

export async function measureBundle({ root, require }) {
  const esbuild = require('esbuild');
  let result;
  try {
    result = await esbuild.build({
      stdin: { contents: CONSUMER, resolveDir: root, sourcefile: 'consumer.js', loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch (error) {
    const messages = (error.errors ?? []).map((e) => `${e.location?.file ?? ''}: ${e.text}`);
    return { esbuildVersion: esbuild.version, error: messages.join('; ') || String(error) };
  }
  const code = result.outputFiles[0].contents;
  const byPackage = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
    }
  }
  return {
    esbuildVersion: esbuild.version,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    byPackage: Object.entries(byPackage).sort((a, b) => b[1] - a[1]),
    warnings: result.warnings.map((w) => w.text),
  };
}
