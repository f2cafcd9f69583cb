import type { GazetteerData } from "../../../core/gazetteer-data.js";
import { distanceKm, type LatLon } from "../../../core/geo.js";
import { placeKey } from "../../../core/place-name-key.js";
import type { State } from "../../../core/state.js";
import { round4 } from "./round.js";

/**
 * City districts that GeoNames cities500 lacks although people name them every day ("Ehrenfeld",
 * "Sendling"): Köln's nine Stadtbezirke and München's best-known Stadtteile, each with the delivery
 * postcodes that cover it. Berlin and Hamburg need none: cities500 has their districts. A district
 * is placed at the mean of its postcodes' points, so it moves with the postcode data; the build
 * warns when a district's postcodes lie far apart (a wrong postcode in this list).
 */
export const CURATED_DISTRICTS: { city: string; state: State; districts: Record<string, string[]> }[] = [
  {
    city: "Köln",
    state: "NW",
    districts: {
      Innenstadt: ["50667", "50668", "50670", "50672", "50674", "50676", "50677", "50678"],
      Deutz: ["50679"],
      Rodenkirchen: ["50968", "50969", "50996", "50997", "50999"],
      Lindenthal: ["50931", "50933", "50935", "50937", "50939"],
      Ehrenfeld: ["50823", "50825", "50827", "50829"],
      Nippes: ["50733", "50735", "50737", "50739"],
      Chorweiler: ["50765", "50767", "50769"],
      Porz: ["51143", "51145", "51147", "51149"],
      Kalk: ["51103", "51105", "51107", "51109"],
      Mülheim: ["51061", "51063", "51065", "51067", "51069"],
    },
  },
  {
    city: "München",
    state: "BY",
    districts: {
      Altstadt: ["80331"],
      Maxvorstadt: ["80333", "80335", "80799"],
      Schwabing: ["80801", "80802", "80803", "80804", "80805"],
      Neuhausen: ["80634", "80636", "80637", "80638", "80639"],
      Sendling: ["81369", "81371", "81373"],
      Giesing: ["81539", "81541", "81543"],
      Haidhausen: ["81667", "81669"],
      Bogenhausen: ["81675", "81677", "81679", "81925", "81927", "81929"],
      Laim: ["80686", "80687", "80689"],
      Pasing: ["81241", "81243", "81245"],
      Moosach: ["80992", "80993", "80997"],
      Perlach: ["81735", "81737", "81739"],
      Trudering: ["81825", "81827", "81829"],
      Milbertshofen: ["80807", "80809"],
      Hadern: ["81375", "81377"],
      Solln: ["81477", "81479"],
    },
  },
];

/** A district whose postcodes lie further than this from their mean is reported: the list may be wrong. */
const WARN_SPREAD_KM = 6;

/**
 * Place rows for the curated districts that the places list does not have yet, with the city as
 * parent and population 0 (unknown). `points` are the built postcode points.
 */
export function curatedDistrictPlaces(
  points: ReadonlyMap<string, LatLon>,
  existing: GazetteerData["places"],
  warn: (message: string) => void,
): GazetteerData["places"] {
  const have = new Set(existing.map(([name, , , , , parent]) => `${placeKey(parent)}|${placeKey(name)}`));
  const rows: GazetteerData["places"] = [];
  for (const { city, state, districts } of CURATED_DISTRICTS) {
    for (const [name, postcodes] of Object.entries(districts)) {
      if (have.has(`${placeKey(city)}|${placeKey(name)}`)) continue;
      const found = postcodes.map((p) => points.get(p)).filter((p): p is LatLon => p !== undefined);
      if (found.length === 0) {
        warn(`district ${city}-${name}: none of its postcodes is known`);
        continue;
      }
      const centre = {
        lat: found.reduce((s, p) => s + p.lat, 0) / found.length,
        lon: found.reduce((s, p) => s + p.lon, 0) / found.length,
      };
      const spread = Math.max(...found.map((p) => distanceKm(centre, p)));
      if (spread > WARN_SPREAD_KM)
        warn(`district ${city}-${name}: postcodes up to ${spread.toFixed(1)} km apart`);
      rows.push([name, round4(centre.lat), round4(centre.lon), state, 0, city]);
    }
  }
  return rows;
}
