import type { FocusArea } from "../../../core/focus.js";
import type { Audience } from "../../../core/project.js";
import type { Rng } from "./prng.js";

/** Reading, school and work dominate, as in the programme's own description. */
const PRIMARY_FOCUS: (readonly [FocusArea, number])[] = [
  ["reading", 28],
  ["school", 26],
  ["work", 22],
  ["arriving", 10],
  ["mentoring", 8],
  ["leisure", 6],
];

const SECONDARY_FOCUS: (readonly [FocusArea, number])[] = [
  ["school", 22],
  ["reading", 22],
  ["mentoring", 16],
  ["work", 14],
  ["arriving", 12],
  ["leisure", 10],
];

/** 1–3 focus areas; reading and work (small children vs. school leavers) are not combined. */
export function pickFocus(rng: Rng, forceReading: boolean): FocusArea[] {
  const primary = forceReading ? "reading" : rng.weighted(PRIMARY_FOCUS);
  const extra = rng.weighted([
    [0, 40],
    [1, 42],
    [2, 18],
  ] as const);
  const clash: FocusArea | undefined =
    primary === "reading" ? "work" : primary === "work" ? "reading" : undefined;
  const rest = SECONDARY_FOCUS.filter(([f]) => f !== primary && f !== clash);
  return [primary, ...rng.weightedDistinct(rest, extra)];
}

const AGE_RANGES: Record<FocusArea, (readonly [number, number])[]> = {
  reading: [
    [3, 10],
    [5, 10],
    [6, 10],
    [6, 12],
    [8, 14],
  ],
  school: [
    [6, 12],
    [8, 14],
    [10, 16],
    [6, 16],
    [12, 18],
  ],
  work: [
    [14, 21],
    [15, 25],
    [16, 25],
    [14, 18],
    [16, 27],
  ],
  arriving: [
    [3, 18],
    [6, 18],
    [10, 21],
    [0, 12],
  ],
  leisure: [
    [6, 14],
    [8, 16],
    [10, 18],
  ],
  mentoring: [
    [6, 16],
    [8, 18],
    [12, 21],
    [10, 16],
  ],
};

/** The primary focus decides the age range; `mustCover` forces an age inside it. */
export function pickAges(focus: FocusArea, rng: Rng, mustCover?: number): [number, number] {
  const ranges = AGE_RANGES[focus].filter(
    ([a, b]) => mustCover === undefined || (a <= mustCover && mustCover <= b),
  );
  const [a, b] = rng.pick(ranges.length > 0 ? ranges : AGE_RANGES[focus]);
  return [a, b];
}

export function pickAudiences(
  ageMin: number,
  ageMax: number,
  focus: readonly FocusArea[],
  rng: Rng,
): Audience[] {
  const out: Audience[] = [];
  if (ageMin < 12) out.push("children");
  if (ageMax >= 12) out.push("youth");
  if (ageMin < 10 && rng.chance(0.3)) out.push("parents");
  if (rng.chance(focus.includes("arriving") ? 0.8 : 0.25)) out.push("refugees");
  const gender = rng.float();
  if (gender < 0.05) out.push("girls");
  else if (gender < 0.08) out.push("boys");
  return out;
}

/** Besides German; tr, ar, ru, uk and pl are the most common. */
const LANGUAGES: (readonly [string, number])[] = [
  ["tr", 20],
  ["ar", 18],
  ["ru", 12],
  ["uk", 12],
  ["pl", 9],
  ["en", 8],
  ["fa", 5],
  ["ro", 4],
  ["ku", 4],
  ["it", 3],
  ["prs", 3],
  ["ps", 2],
  ["ckb", 2],
  ["ti", 2],
  ["so", 2],
  ["vi", 2],
  ["es", 2],
  ["fr", 2],
  ["sq", 2],
  ["bg", 2],
  ["el", 2],
  ["hr", 2],
];

/** Always "de" first, then the organisation's own languages, then 0–3 more in total. */
export function pickLanguages(orgLanguages: readonly string[], rng: Rng): string[] {
  const n = rng.weighted([
    [0, 25],
    [1, 35],
    [2, 25],
    [3, 15],
  ] as const);
  const langs = ["de", ...orgLanguages];
  const more = rng.weightedDistinct(
    LANGUAGES.filter(([l]) => !langs.includes(l)),
    Math.max(0, n - orgLanguages.length),
  );
  return [...langs, ...more];
}

export interface Volunteers {
  wanted: boolean;
  hoursPerWeek?: number;
  certificateOfConduct: boolean;
}

/** ~70% look for volunteers; anyone working with minors needs the extended certificate of conduct. */
export function pickVolunteers(ageMin: number, rng: Rng): Volunteers {
  const wanted = rng.chance(0.7);
  const certificateOfConduct = ageMin < 18;
  if (!wanted) return { wanted, certificateOfConduct };
  return { wanted, hoursPerWeek: rng.int(1, 4), certificateOfConduct };
}
