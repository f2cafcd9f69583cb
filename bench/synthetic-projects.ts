import { FOCUS_AREAS } from "../core/focus.js";
import type { LatLon } from "../core/geo.js";
import type { Project } from "../core/project.js";
import type { State } from "../core/state.js";
import { gaussian, seededRandom } from "./prng.js";

interface CityCentre extends LatLon {
  name: string;
  state: State;
  /** Inhabitants in thousands; projects cluster where people live. */
  population: number;
}

/** Germany's biggest cities, where most mentoring projects are. */
export const CITY_CENTRES: readonly CityCentre[] = [
  { name: "Berlin", state: "BE", lat: 52.52, lon: 13.405, population: 3755 },
  { name: "Hamburg", state: "HH", lat: 53.551, lon: 9.994, population: 1892 },
  { name: "München", state: "BY", lat: 48.137, lon: 11.575, population: 1512 },
  { name: "Köln", state: "NW", lat: 50.938, lon: 6.96, population: 1084 },
  { name: "Frankfurt am Main", state: "HE", lat: 50.11, lon: 8.682, population: 773 },
  { name: "Stuttgart", state: "BW", lat: 48.776, lon: 9.183, population: 633 },
  { name: "Düsseldorf", state: "NW", lat: 51.228, lon: 6.774, population: 629 },
  { name: "Leipzig", state: "SN", lat: 51.34, lon: 12.375, population: 616 },
  { name: "Dortmund", state: "NW", lat: 51.514, lon: 7.468, population: 595 },
  { name: "Essen", state: "NW", lat: 51.456, lon: 7.012, population: 584 },
  { name: "Bremen", state: "HB", lat: 53.079, lon: 8.802, population: 569 },
  { name: "Dresden", state: "SN", lat: 51.05, lon: 13.738, population: 563 },
  { name: "Hannover", state: "NI", lat: 52.376, lon: 9.732, population: 545 },
  { name: "Nürnberg", state: "BY", lat: 49.452, lon: 11.077, population: 523 },
  { name: "Duisburg", state: "NW", lat: 51.435, lon: 6.763, population: 503 },
  { name: "Bochum", state: "NW", lat: 51.482, lon: 7.216, population: 365 },
  { name: "Wuppertal", state: "NW", lat: 51.256, lon: 7.151, population: 358 },
  { name: "Bielefeld", state: "NW", lat: 52.03, lon: 8.532, population: 338 },
  { name: "Bonn", state: "NW", lat: 50.737, lon: 7.098, population: 335 },
  { name: "Münster", state: "NW", lat: 51.962, lon: 7.626, population: 320 },
  { name: "Mannheim", state: "BW", lat: 49.488, lon: 8.466, population: 315 },
  { name: "Karlsruhe", state: "BW", lat: 49.007, lon: 8.404, population: 308 },
  { name: "Augsburg", state: "BY", lat: 48.371, lon: 10.898, population: 301 },
  { name: "Wiesbaden", state: "HE", lat: 50.078, lon: 8.24, population: 283 },
  { name: "Mönchengladbach", state: "NW", lat: 51.185, lon: 6.442, population: 268 },
  { name: "Gelsenkirchen", state: "NW", lat: 51.517, lon: 7.086, population: 263 },
  { name: "Aachen", state: "NW", lat: 50.776, lon: 6.084, population: 252 },
  { name: "Braunschweig", state: "NI", lat: 52.269, lon: 10.521, population: 251 },
  { name: "Kiel", state: "SH", lat: 54.323, lon: 10.123, population: 248 },
  { name: "Chemnitz", state: "SN", lat: 50.828, lon: 12.921, population: 246 },
  { name: "Magdeburg", state: "ST", lat: 52.121, lon: 11.628, population: 240 },
  { name: "Rostock", state: "MV", lat: 54.092, lon: 12.099, population: 210 },
];

/** Share of projects placed around a big city; the rest are spread over the whole country. */
const CITY_SHARE = 0.7;
const GERMANY = { south: 47.4, north: 54.9, west: 6.0, east: 14.9 };
const LANGUAGES = ["ar", "fa", "tr", "uk", "ru", "en", "ku", "ti", "so", "fr", "prs", "ps"];
const KM_PER_DEGREE_LAT = 111.2;

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function cityFor(random: () => number): CityCentre {
  const totalPopulation = CITY_CENTRES.reduce((sum, c) => sum + c.population, 0);
  let ticket = random() * totalPopulation;
  for (const city of CITY_CENTRES) {
    ticket -= city.population;
    if (ticket <= 0) return city;
  }
  return pick(CITY_CENTRES, random);
}

function location(random: () => number): LatLon & { place: string; state: State } {
  if (random() < CITY_SHARE) {
    const city = cityFor(random);
    // Bigger cities sprawl further: spread grows with the square root of the population.
    const spreadKm = 2 + Math.sqrt(city.population) / 6;
    const lat = city.lat + (gaussian(random) * spreadKm) / KM_PER_DEGREE_LAT;
    const lon =
      city.lon + (gaussian(random) * spreadKm) / (KM_PER_DEGREE_LAT * Math.cos((city.lat * Math.PI) / 180));
    return { lat, lon, place: city.name, state: city.state };
  }
  const lat = GERMANY.south + random() * (GERMANY.north - GERMANY.south);
  const lon = GERMANY.west + random() * (GERMANY.east - GERMANY.west);
  return { lat, lon, place: "Landkreis", state: "NI" };
}

/** A point where someone might search from: near a big city mostly, anywhere in Germany sometimes. */
export function randomOrigin(random: () => number): LatLon {
  const { lat, lon } = location(random);
  return { lat, lon };
}

/** A plausible catalogue of `count` projects spread over Germany like people are, reproducible by seed. */
export function syntheticProjects(count: number, seed = 1): Project[] {
  const random = seededRandom(seed);
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    const where = location(random);
    const focus = [...new Set([pick(FOCUS_AREAS, random), pick(FOCUS_AREAS, random)])].slice(
      0,
      1 + Math.floor(random() * 2),
    );
    const ageMin = Math.floor(random() * 14);
    const id = `p-${String(i).padStart(6, "0")}`;
    projects.push({
      id,
      name: `Patenschaftsprojekt ${where.place} ${i}`,
      organisation: `Träger ${i % 97}`,
      shortDescription: "Ehrenamtliche begleiten Kinder und Jugendliche.",
      description: "",
      focus,
      ageMin,
      ageMax: Math.min(27, ageMin + 3 + Math.floor(random() * 10)),
      audiences: ["children"],
      languages: ["de", ...new Set([pick(LANGUAGES, random), pick(LANGUAGES, random)])].slice(
        0,
        1 + Math.floor(random() * 3),
      ),
      volunteers: { wanted: random() < 0.6, certificateOfConduct: true },
      postcode: String(10000 + (i % 89999)),
      place: where.place,
      state: where.state,
      lat: where.lat,
      lon: where.lon,
      contact: {},
      updatedAt: "2025-01-01T00:00:00Z",
    });
  }
  return projects;
}
