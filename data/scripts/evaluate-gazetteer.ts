/**
 * Prints internal checks of data/gazetteer.json: the leave-one-out error of the neighbour
 * inference (used for the few postcodes no source places), and how many postcodes still share one
 * point (a city centre standing in for them). Run on its own with `npx tsx data/scripts/evaluate-gazetteer.ts`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import { distanceKm } from "../../core/geo.js";
import { INFER_NEIGHBOURS, inferOne } from "./gazetteer/infer-postcodes.js";
import { type KnownPoint, median, NumericNeighbours, quantile } from "./gazetteer/numeric-neighbours.js";

const fmt = (km: number) => `${km.toFixed(1)} km`;

function stats(label: string, errors: number[]): string {
  return `${label}: n=${errors.length} median ${fmt(median(errors))}, p90 ${fmt(quantile(errors, 0.9))}, p95 ${fmt(quantile(errors, 0.95))}, max ${fmt(Math.max(...errors))}`;
}

/** Prints coverage-independent quality figures for a built gazetteer. */
export function evaluateGazetteer(data: GazetteerData): void {
  console.log("Evaluation");
  console.log("  internal checks (the distance to the reference points is printed by the build).");

  const known: KnownPoint[] = data.postcodes
    .filter((p) => p[4] === 0)
    .map(([postcode, lat, lon, state]) => ({ postcode, lat, lon, state }));
  const postcodesPerName = new Map<string, number>();
  for (const p of data.postcodes) {
    for (const name of p[5].split("|")) postcodesPerName.set(name, (postcodesPerName.get(name) ?? 0) + 1);
  }
  // Inferred postcodes are mostly small municipalities, so the check hides small-place postcodes only.
  const small = data.postcodes.filter(
    (p) => p[4] === 0 && p[5].split("|").every((n) => (postcodesPerName.get(n) ?? 0) <= 2),
  );
  const neighbours = new NumericNeighbours(known);
  const loo: { postcode: string; places: string; km: number; stateOk: boolean }[] = [];
  for (const [postcode, lat, lon, state, , places] of small) {
    const guess = inferOne(neighbours, postcode);
    if (guess)
      loo.push({ postcode, places, km: distanceKm(guess, { lat, lon }), stateOk: guess.state === state });
  }
  console.log(
    `  leave-one-out of the neighbour inference (${INFER_NEIGHBOURS} neighbours) on directly matched small-place postcodes:`,
  );
  console.log(
    `    ${stats(
      "error",
      loo.map((l) => l.km),
    )}`,
  );
  const stateOk = loo.filter((l) => l.stateOk).length;
  console.log(`    Land agrees: ${((100 * stateOk) / loo.length).toFixed(1)}%`);
  console.log("    worst 10:");
  for (const l of [...loo].sort((a, b) => b.km - a.km).slice(0, 10)) {
    console.log(`      ${l.postcode} ${l.places.replaceAll("|", ", ")}: ${fmt(l.km)}`);
  }

  const sharing = new Map<string, number>();
  for (const [, lat, lon] of data.postcodes)
    sharing.set(`${lat},${lon}`, (sharing.get(`${lat},${lon}`) ?? 0) + 1);
  const shared = [...sharing.values()].filter((n) => n >= 5).reduce((s, n) => s + n, 0);
  console.log(
    `  postcodes sharing their point with at least 4 others (a city centre standing in): ${shared}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "gazetteer.json");
  evaluateGazetteer(JSON.parse(readFileSync(file, "utf8")) as GazetteerData);
}
