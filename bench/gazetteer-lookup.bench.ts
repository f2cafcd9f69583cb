/**
 * Gazetteer look-ups beside their baselines in the same run: a postcode look-up against a bare
 * `Map.get`, and a typed place name ("Köln", "Dortmnd" with its typo) against a linear scan that
 * compares the name with every place's name. Medians of repeated rounds; compare the ratios.
 */
import { readGazetteerData } from "../adapters/node-data-files.js";
import { createGazetteer } from "../core/gazetteer.js";

const ROUNDS = 15;
const PER_ROUND = 200;

function medianMs(fn: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < PER_ROUND; i++) fn();
    times.push((performance.now() - start) / PER_ROUND);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export async function run(): Promise<void> {
  const data = await readGazetteerData();
  const gazetteer = createGazetteer(data);
  const byPostcode = new Map(data.postcodes.map((p) => [p[0], p]));
  const names = data.places.map((p) => p[0].toLowerCase());
  const rows: [string, number, number][] = [];
  rows.push([
    "postcode 50667",
    medianMs(() => gazetteer.lookupPostcode("50667")),
    medianMs(() => byPostcode.get("50667")),
  ]);
  for (const q of ["Köln", "Neukölln", "Frankfurt", "Hamburg-Altona", "Dortmnd"]) {
    const folded = q.toLowerCase();
    rows.push([
      `place ${q}`,
      medianMs(() => gazetteer.lookupPlace(q)),
      medianMs(() => names.indexOf(folded)),
    ]);
  }
  console.log("gazetteer look-up (median ms per call)      gazetteer   baseline     ratio");
  for (const [name, ms, base] of rows) {
    console.log(
      `  ${name.padEnd(40)} ${ms.toFixed(4).padStart(9)} ${base.toFixed(4).padStart(10)} ${(ms / base).toFixed(1).padStart(9)}×`,
    );
  }
  console.log("  baselines: Map.get for postcodes, a linear scan of all place names for places");
}
