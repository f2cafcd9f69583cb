import type { GazetteerData } from "../../../core/gazetteer-data.js";
import type { Project } from "../../../core/project.js";
import { pickAges, pickAudiences, pickFocus, pickLanguages, pickVolunteers } from "./attributes.js";
import { NOTICE, type SampleConfig } from "./config.js";
import { describe } from "./describe.js";
import { organisation, projectName } from "./names.js";
import { type Placement, placeProjects } from "./placement.js";
import { Rng } from "./prng.js";
import { slugify } from "./slug.js";
import { translatedDescriptions } from "./translated-descriptions.js";
import { STREETS } from "./words.js";

export interface SampleCatalogue {
  fictional: true;
  notice: string;
  generatedAt: string;
  projects: Project[];
}

/**
 * Clearly fictional phone numbers: "+49 00 0000 1234". German numbers have no reserved fictional
 * range, and no German area code starts with 00, so these can never reach anyone.
 */
const FAKE_PHONE_PREFIX = "+49 00 0000";
const MAX_OFFSET_KM = 0.95;
const KM_PER_DEGREE = 111.32;

/** Builds the whole sample catalogue; the same gazetteer and config always give the same result. */
export function generateCatalogue(gazetteer: GazetteerData, config: SampleConfig): SampleCatalogue {
  const rng = new Rng(config.seed);
  const placements = placeProjects(gazetteer, config.stateShares, config.count, config.anchors, rng);
  const names = new Set<string>();
  const ids = new Set<string>();
  const projects = placements.map((p) => buildProject(p, config, rng, names, ids));
  projects.sort((a, b) => a.postcode.localeCompare(b.postcode) || a.id.localeCompare(b.id));
  assignSlackSamples(projects, config);
  return { fictional: true, notice: NOTICE, generatedAt: config.generatedAt, projects };
}

function buildProject(
  p: Placement,
  config: SampleConfig,
  rng: Rng,
  names: Set<string>,
  ids: Set<string>,
): Project {
  const { entry, district } = p;
  const label =
    district && rng.chance(0.7) ? (rng.chance(0.5) ? district : `${entry.place}-${district}`) : entry.place;
  const focus = pickFocus(rng, p.readingAge !== undefined);
  const primary = focus[0] ?? "mentoring";
  const [ageMin, ageMax] = pickAges(primary, rng, p.readingAge);
  const org = organisation(entry.place, district !== undefined, rng);
  const name = uniqueName(() => projectName(primary, label, rng), names);
  const id = uniqueId(name, rng, ids);
  const languages = pickLanguages(org.languages, rng);
  const audiences = pickAudiences(ageMin, ageMax, focus, rng);
  const volunteers = pickVolunteers(ageMin, rng);
  const text = describe(
    {
      name,
      organisation: org.name,
      label,
      focus,
      ageMin,
      ageMax,
      languages,
      withParents: audiences.includes("parents"),
      volunteersWanted: volunteers.wanted,
      hoursPerWeek: volunteers.hoursPerWeek,
    },
    rng,
  );
  const english = rng.chance(0.6);
  const notes =
    volunteers.wanted && rng.chance(0.4)
      ? "Einarbeitung, Schulungen und regelmäßiger Austausch mit anderen Patinnen und Paten werden angeboten."
      : undefined;
  const [lat, lon] = offset(entry.lat, entry.lon, rng);
  return {
    id,
    name,
    organisation: org.name,
    shortDescription: text.short.de,
    description: text.long.de,
    ...(english ? { shortDescriptionEn: text.short.en, descriptionEn: text.long.en } : {}),
    descriptions: translatedDescriptions({
      name,
      organisation: org.name,
      label,
      focus,
      ageMin,
      ageMax,
      withParents: audiences.includes("parents"),
      volunteersWanted: volunteers.wanted,
      hoursPerWeek: volunteers.hoursPerWeek,
    }),
    focus,
    ageMin,
    ageMax,
    audiences,
    languages,
    volunteers: notes ? { ...volunteers, notes } : volunteers,
    address: `${rng.pick(STREETS)} ${rng.int(1, 120)}${rng.chance(0.08) ? rng.pick(["a", "b"]) : ""}`,
    postcode: entry.postcode,
    place: entry.place,
    state: entry.state,
    lat,
    lon,
    contact: {
      email: `kontakt@${id}.example.org`,
      ...(rng.chance(0.85)
        ? { phone: `${FAKE_PHONE_PREFIX} ${String(rng.int(0, 9999)).padStart(4, "0")}` }
        : {}),
      website: `https://${id}.example.org`,
    },
    updatedAt: updatedAt(config, rng),
  };
}

function uniqueName(make: () => string, names: Set<string>): string {
  let name = make();
  for (let i = 0; i < 6 && names.has(name); i++) name = make();
  const base = name;
  for (let n = 2; names.has(name); n++) name = `${base} ${n}`;
  names.add(name);
  return name;
}

function uniqueId(name: string, rng: Rng, ids: Set<string>): string {
  const base = slugify(name, 50) || "projekt";
  let id: string;
  do
    id = `${base}-${rng
      .int(0, 36 ** 4 - 1)
      .toString(36)
      .padStart(4, "0")}`;
  while (ids.has(id));
  ids.add(id);
  return id;
}

/** A uniformly random point within MAX_OFFSET_KM of the postcode's coordinates, rounded to ~1 m. */
function offset(lat: number, lon: number, rng: Rng): [number, number] {
  const r = MAX_OFFSET_KM * Math.sqrt(rng.float());
  const theta = rng.float() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / KM_PER_DEGREE;
  const dLon = (r * Math.sin(theta)) / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  return [round5(lat + dLat), round5(lon + dLon)];
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

function updatedAt(config: SampleConfig, rng: Rng): string {
  const from = Date.parse(config.updatedFrom);
  const to = Date.parse(config.generatedAt);
  const minutes = rng.int(0, Math.floor((to - from) / 60_000));
  return new Date(from + minutes * 60_000).toISOString().replace(".000Z", "Z");
}

/** A few projects in the first anchor range get clearly fake Slack channel ids (C0SAMPLE01, …). */
function assignSlackSamples(projects: Project[], config: SampleConfig): void {
  const anchor = config.anchors[0];
  const pool = anchor
    ? projects.filter((p) => p.state === anchor.state && p.postcode >= anchor.from && p.postcode <= anchor.to)
    : projects;
  pool.slice(0, config.slackSamples).forEach((p, i) => {
    p.slackChannelId = `C0SAMPLE${String(i + 1).padStart(2, "0")}`;
  });
}
