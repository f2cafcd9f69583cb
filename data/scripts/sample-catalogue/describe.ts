import type { FocusArea } from "../../../core/focus.js";
import { joinList, LANGUAGE_NAMES } from "./language-names.js";
import { type Bilingual, DETAIL, INTROS, PARENTS, SHORT, volunteerSentence, who } from "./phrases.js";
import type { Rng } from "./prng.js";

export interface DescribeInput {
  name: string;
  organisation: string;
  label: string;
  focus: readonly FocusArea[];
  ageMin: number;
  ageMax: number;
  languages: readonly string[];
  withParents: boolean;
  volunteersWanted: boolean;
  hoursPerWeek: number | undefined;
}

export interface Descriptions {
  short: Bilingual;
  long: Bilingual;
}

/** A one-sentence summary and a 2–4 sentence description, German and English built from the same choices. */
export function describe(input: DescribeInput, rng: Rng): Descriptions {
  const [primary, secondary] = input.focus;
  if (!primary) throw new Error("a project needs a focus");
  const w = who(input.ageMin, input.ageMax);
  const short = rng.pick(SHORT[primary])({ label: input.label, a: input.ageMin, b: input.ageMax, w });
  const intro = rng.pick(INTROS)(input.name, input.organisation, input.label, rng.int(2008, 2024), w);
  const detail = rng.pick(DETAIL[primary])(input.label);
  const extras: (readonly [Bilingual, number])[] = [
    [volunteerSentence(input.volunteersWanted, input.hoursPerWeek), 5],
  ];
  if (secondary) extras.push([rng.pick(DETAIL[secondary])(input.label), 4]);
  const others = input.languages.filter((l) => l !== "de");
  if (others.length > 0) extras.push([languageSentence(others), 3]);
  if (input.withParents) extras.push([PARENTS, 2]);
  const chosen = new Set(rng.weightedDistinct(extras, rng.int(0, 2)));
  const sentences = [intro, detail, ...extras.map(([s]) => s).filter((s) => chosen.has(s))];
  return {
    short,
    long: { de: sentences.map((s) => s.de).join(" "), en: sentences.map((s) => s.en).join(" ") },
  };
}

function languageSentence(codes: readonly string[]): Bilingual {
  const de = codes.map((c) => LANGUAGE_NAMES[c]?.de ?? c);
  const en = codes.map((c) => LANGUAGE_NAMES[c]?.en ?? c);
  return {
    de: `Im Team ${codes.length > 1 ? "werden" : "wird"} neben Deutsch auch ${joinList(de, "und")} gesprochen.`,
    en: `Besides German, the team speaks ${joinList(en, "and")}.`,
  };
}
