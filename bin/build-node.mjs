// Builds the Node entry into dist/ so `npm start` runs plain `node` with no TypeScript loader
// resident (runs at install and before every start; takes well under a second). One ESM bundle
// per entry with the locale JSON inlined; packages stay in node_modules (PGlite loads its
// WebAssembly next to its own files). dist/ sits one level below the project root like
// adapters/, so paths relative to import.meta.url (../data/…) still resolve.
// Then, only when missing, a migrated PGlite data directory for first starts (see init-data-dir.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const seed = new URL("../dist/pglite-seed.tar.gz", import.meta.url).pathname;
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
let note = "";
if (!existsSync(seed)) {
  try {
    execFileSync(process.execPath, [`${root}dist/init-data-dir.mjs`, seed], { stdio: "inherit" });
    note = " and the first-start database";
  } catch {
    // Not fatal: without the seed a first start runs initdb, as before.
    note = " (first-start database not written; the first start will create it)";
  }
}
console.log(`build: dist/${note} in ${Math.round(performance.now() - started)} ms`);
