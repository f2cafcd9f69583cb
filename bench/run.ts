/**
 * Entry of `npm run bench`: runs every `*.bench.ts` module in this folder in turn, so a new
 * benchmark is one new file exporting `run()`.
 */
import { readdirSync } from "node:fs";

interface BenchModule {
  run(): Promise<void>;
}

const folder = new URL(".", import.meta.url);
const only = process.argv[2];
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".bench.ts") && (!only || name.includes(only)))
  .sort();

for (const file of files) {
  console.log(`\n== ${file}`);
  const started = process.hrtime.bigint();
  const bench = (await import(new URL(file, folder).href)) as BenchModule;
  await bench.run();
  console.log(`(${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
}
