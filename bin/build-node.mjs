// Builds the Node entry into dist/ so `npm start` runs plain `node` with no TypeScript loader
// resident (runs at install and before every start; takes well under a second). One ESM bundle
// per entry with the locale JSON inlined; packages stay in node_modules (PGlite loads its
// WebAssembly next to its own files). dist/ sits one level below the project root like
// adapters/, so paths relative to import.meta.url (../data/…) still resolve.
// Then, only when missing or out of date, migrated PGlite data directories for first starts (see
// init-data-dir.ts): dist/pglite-seed (the schema; any fresh DATA_DIR, e.g. before `npm run import`)
// and dist/pglite-seed-sample (the same with the fictional sample catalogue; `npm start`).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const seed = new URL("../dist/pglite-seed", import.meta.url).pathname;
const sampleSeed = new URL("../dist/pglite-seed-sample", import.meta.url).pathname;
// The tarball earlier builds wrote; the seed is a directory now.
rmSync(new URL("../dist/pglite-seed.tar.gz", import.meta.url).pathname, { force: true });
rmSync(new URL("../dist/pglite-seed.tar.gz.version", import.meta.url).pathname, { force: true });
const seedVersionFile = `${seed}.version`;
// The seed holds the schema of its day: a changed or added migration makes a new one.
const migrations = new URL("../adapters/db/migrations/", import.meta.url).pathname;
const hash = createHash("sha256");
for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(migrations + f));
hash.update(readFileSync(new URL("../package-lock.json", import.meta.url)));
// One seed holds the sample catalogue too: a changed sample file makes new ones.
const sample = new URL("../data/sample-projects.json", import.meta.url).pathname;
hash.update(readFileSync(sample));
// What the seeds are (bump when that changes): the schema directory and the one with the sample.
hash.update("seeds: pglite-seed, pglite-seed-sample");
const seedVersion = hash.digest("hex");
const started = performance.now();
// Chunks of an earlier build would pile up (their names carry a content hash).
for (const f of existsSync(`${root}dist`) ? readdirSync(`${root}dist`) : [])
  if (/^chunk-.*\.mjs(\.map)?$/.test(f)) rmSync(`${root}dist/${f}`);
await build({
  absWorkingDir: root,
  entryPoints: {
    "node-main": "adapters/node-main.ts",
    "pglite-worker": "adapters/db/pglite-worker.ts",
    "init-data-dir": "adapters/db/init-data-dir.ts",
  },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  // The Slack and Telegram adapters (and with them Bolt and grammY) are their own chunks, loaded
  // only when their channel is configured. Chunks sit beside the entries, so paths relative to
  // import.meta.url resolve the same from every file.
  splitting: true,
  chunkNames: "chunk-[hash]",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});
let note = "";
const seedCurrent =
  existsSync(seed) && existsSync(seedVersionFile) && readFileSync(seedVersionFile, "utf8") === seedVersion;
if (!seedCurrent) {
  rmSync(seedVersionFile, { force: true });
  rmSync(seed, { recursive: true, force: true });
  rmSync(sampleSeed, { recursive: true, force: true });
  const writeSeed = (...args) =>
    execFileSync(process.execPath, [`${root}dist/init-data-dir.mjs`, ...args], { stdio: "inherit" });
  try {
    writeSeed(seed);
    note = " and the first-start database";
    try {
      writeSeed(sampleSeed, "--from", seed, "--sample", sample);
      note += " (with the sample catalogue for npm start)";
    } catch {
      // Not fatal: a first start without it loads the sample file itself.
      note += " (without the sample catalogue; the first start will load it)";
    }
    writeFileSync(seedVersionFile, seedVersion);
  } catch {
    // Not fatal: without the seed a first start runs initdb, as before.
    note = " (first-start database not written; the first start will create it)";
  }
}
console.log(`build: dist/${note} in ${Math.round(performance.now() - started)} ms`);
