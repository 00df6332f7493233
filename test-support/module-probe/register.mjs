// A probe for "which packages did this Node process load", preloaded with
// `node --import <this file's URL>` and told which packages to watch in MODULE_PROBE_PACKAGES (comma-separated).
// ES modules are seen by a resolve hook (they never appear in require.cache); CommonJS modules by
// require.cache. `globalThis.loadedPackages()` answers synchronously, so a script can ask at any point.
import { createRequire, register } from 'node:module';

const packages = (process.env.MODULE_PROBE_PACKAGES ?? '').split(',').filter(Boolean);
const shared = new SharedArrayBuffer(4 * Math.max(1, packages.length));
register(new URL('./hooks.mjs', import.meta.url), { data: { shared, packages } });
const counts = new Int32Array(shared);
const require = createRequire(import.meta.url);

globalThis.loadedPackages = () =>
  packages.filter((name, index) => {
    const inRequireCache = Object.keys(require.cache).some((path) =>
      path.replaceAll('\\', '/').includes(`/node_modules/${name}/`),
    );
    return inRequireCache || Atomics.load(counts, index) > 0;
  });
