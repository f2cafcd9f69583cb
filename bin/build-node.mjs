// Builds the Node entry into dist/ so `npm start` runs plain `node` with no TypeScript loader
// resident. One ESM bundle per entry with the locale JSON inlined; packages stay in node_modules
// (PGlite loads its WebAssembly next to its own files). dist/ sits one level below the project
// root like adapters/, so paths relative to import.meta.url (../data/…) still resolve.
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: {
    "node-main": "adapters/node-main.ts",
    "pglite-worker": "adapters/db/pglite-worker.ts",
    "init-data-dir": "adapters/db/init-data-dir.ts",
  },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});
console.log(`build: dist/ in ${Math.round(performance.now() - started)} ms`);
