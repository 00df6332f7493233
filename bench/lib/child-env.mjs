// The environment of every process the bench starts: a throw-away HOME (Huawei's official core writes
// ~/.huaweicloud/application_id, which must not land in the user's home), and no HTTP proxy between the
// clients and the loopback server. The HOME is removed when the bench process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export function benchChildEnv() {
  const home = mkdtempSync(join(os.tmpdir(), 'cbr-bench-home-'));
  process.on('exit', () => rmSync(home, { recursive: true, force: true }));
  const env = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  // Any of these would switch @cbr-sdk/checkpoint to its axios transport (and send through the proxy).
  for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) delete env[name];
  return env;
}
