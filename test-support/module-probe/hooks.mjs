// Module hooks of the probe (see register.mjs): counts, in memory shared with the main thread, the ES
// modules resolved to a file under node_modules/<package>/ for each watched package.
let counts;
let packages;

export function initialize(data) {
  counts = new Int32Array(data.shared);
  packages = data.packages;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  packages.forEach((name, index) => {
    if (result.url.includes(`/node_modules/${name}/`)) Atomics.add(counts, index, 1);
  });
  return result;
}
