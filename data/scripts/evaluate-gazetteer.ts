/**
 * Prints what can be measured about data/gazetteer.json without an independent postcode-centroid
 * reference (none is available from the npm registry, see data/GAZETTEER.md): the leave-one-out
 * error of the neighbour inference, and how far a big city's postcodes can be from the one point
 * they all share. Run on its own with `npx tsx data/scripts/evaluate-gazetteer.ts`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import { distanceKm, type LatLon } from "../../core/geo.js";
import { INFER_NEIGHBOURS, inferOne } from "./gazetteer/infer-postcodes.js";
import { type KnownPoint, median, NumericNeighbours, quantile } from "./gazetteer/numeric-neighbours.js";

const fmt = (km: number) => `${km.toFixed(1)} km`;

function stats(label: string, errors: number[]): string {
  return `${label}: n=${errors.length} median ${fmt(median(errors))}, p90 ${fmt(quantile(errors, 0.9))}, p95 ${fmt(quantile(errors, 0.95))}, max ${fmt(Math.max(...errors))}`;
}

/** Prints coverage-independent quality figures for a built gazetteer. */
export function evaluateGazetteer(data: GazetteerData): void {
  console.log("Evaluation");
  console.log(
    "  independent reference: none available (no npm package ships per-postcode centroids for DE);",
  );
  console.log("  the figures below are internal checks, not an accuracy measurement against ground truth.");

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

  console.log(
    "  big cities (all postcodes share the city's point; its districts show how far a postcode can be):",
  );
  const cities = [...postcodesPerName].filter(([, n]) => n >= 25).sort((a, b) => b[1] - a[1]);
  const spreads: number[] = [];
  for (const [city, count] of cities) {
    const point = data.places.find((p) => p[0] === city && p[5] === "");
    if (!point) continue;
    const centre: LatLon = { lat: point[1], lon: point[2] };
    const districts = data.places
      .filter((p) => p[5] === city)
      .map((p) => distanceKm(centre, { lat: p[1], lon: p[2] }));
    if (districts.length === 0) continue;
    spreads.push(...districts);
    console.log(
      `    ${city}: ${count} postcodes, ${districts.length} districts in GeoNames at median ${fmt(median(districts))}, max ${fmt(Math.max(...districts))} from the city point`,
    );
  }
  if (spreads.length > 0)
    console.log(`    ${stats("all big-city districts from their city point", spreads)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "gazetteer.json");
  evaluateGazetteer(JSON.parse(readFileSync(file, "utf8")) as GazetteerData);
}
