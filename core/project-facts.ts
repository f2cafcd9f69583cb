import { FOCUS_AREAS, type FocusArea } from "./focus.js";
import type { Project } from "./project.js";

/**
 * What the filters and scores read of every project, packed in typed arrays: a query in a big
 * city touches thousands of projects, and flat arrays keep that scan out of scattered objects.
 * Item `i` of each array belongs to `projects[i]`.
 */
export interface ProjectFacts {
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Cosine of the latitude, the half of a haversine that never changes. */
  readonly cosLat: Float64Array;
  readonly focusMask: Uint8Array;
  readonly ageMin: Uint8Array;
  readonly ageMax: Uint8Array;
  readonly volunteersWanted: Uint8Array;
  /** Hours per week the project asks of a volunteer; 255 when it does not say. */
  readonly hoursPerWeek: Uint8Array;
  /** 1 for each project that speaks the language; built on first use per language. */
  speakers(language: string): Uint8Array;
}

/** Bit mask of focus areas, so a focus match is one AND rather than array searches. */
export function focusMaskOf(areas: readonly FocusArea[]): number {
  let mask = 0;
  for (const area of areas) mask |= 1 << FOCUS_AREAS.indexOf(area);
  return mask;
}

/** Number of focus areas in a mask. */
export function focusCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/**
 * Packs the facts of `projects`; with `slotOf`, the facts of projects[p] go to item slotOf[p]
 * (a permutation), so a caller can store them in another order while the projects are still read
 * in theirs: read in their own order, 100,000 project objects pack in ~15 ms, read scattered in
 * ~55 ms.
 */
export function packFacts(projects: readonly Project[], slotOf?: Uint32Array): ProjectFacts {
  const speakersByLanguage = new Map<string, Uint8Array>();
  // One plain loop into preallocated arrays: TypedArray.from with a map function walks an iterator
  // per array and took 140-340 ms at 100,000 projects, this takes a few.
  const n = projects.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const cosLat = new Float64Array(n);
  const focusMask = new Uint8Array(n);
  const ageMin = new Uint8Array(n);
  const ageMax = new Uint8Array(n);
  const volunteersWanted = new Uint8Array(n);
  const hoursPerWeek = new Uint8Array(n);
  for (let position = 0; position < n; position++) {
    const p = projects[position] as Project;
    const i = slotOf ? (slotOf[position] ?? 0) : position;
    lat[i] = p.lat;
    lon[i] = p.lon;
    cosLat[i] = Math.cos((p.lat * Math.PI) / 180);
    focusMask[i] = focusMaskOf(p.focus);
    ageMin[i] = p.ageMin;
    ageMax[i] = p.ageMax;
    volunteersWanted[i] = p.volunteers.wanted ? 1 : 0;
    // Whole hours rounded up: a project asking 1.5 hours does not fit a volunteer offering 1.
    hoursPerWeek[i] = p.volunteers.hoursPerWeek === undefined ? 255 : Math.ceil(p.volunteers.hoursPerWeek);
  }
  return {
    lat,
    lon,
    cosLat,
    focusMask,
    ageMin,
    ageMax,
    volunteersWanted,
    hoursPerWeek,
    speakers(language) {
      let speakers = speakersByLanguage.get(language);
      if (!speakers) {
        speakers = new Uint8Array(n);
        for (let position = 0; position < n; position++) {
          const i = slotOf ? (slotOf[position] ?? 0) : position;
          speakers[i] = (projects[position] as Project).languages.includes(language) ? 1 : 0;
        }
        speakersByLanguage.set(language, speakers);
      }
      return speakers;
    },
  };
}
