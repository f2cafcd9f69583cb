import type { FocusArea } from "../../../core/focus.js";
import type { LocalizedDescription } from "../../../core/project.js";
import ar from "./phrases/ar.json" with { type: "json" };
import bg from "./phrases/bg.json" with { type: "json" };
import ckb from "./phrases/ckb.json" with { type: "json" };
import el from "./phrases/el.json" with { type: "json" };
import es from "./phrases/es.json" with { type: "json" };
import fa from "./phrases/fa.json" with { type: "json" };
import fr from "./phrases/fr.json" with { type: "json" };
import hr from "./phrases/hr.json" with { type: "json" };
import it from "./phrases/it.json" with { type: "json" };
import ku from "./phrases/ku.json" with { type: "json" };
import pl from "./phrases/pl.json" with { type: "json" };
import prs from "./phrases/prs.json" with { type: "json" };
import ps from "./phrases/ps.json" with { type: "json" };
import ro from "./phrases/ro.json" with { type: "json" };
import ru from "./phrases/ru.json" with { type: "json" };
import so from "./phrases/so.json" with { type: "json" };
import sq from "./phrases/sq.json" with { type: "json" };
import ti from "./phrases/ti.json" with { type: "json" };
import tr from "./phrases/tr.json" with { type: "json" };
import uk from "./phrases/uk.json" with { type: "json" };
import vi from "./phrases/vi.json" with { type: "json" };

/**
 * The description templates in every further language (one data file per language in phrases/,
 * machine-drafted like the locales, awaiting review by native speakers). Placeholders: {label},
 * {a}, {b}, {name}, {org}, {h}. German and English come from phrases.ts.
 */
export interface PhraseSet {
  short: Record<FocusArea, string>;
  detail: Record<FocusArea, string>;
  volunteersWanted: string;
  volunteersNotWanted: string;
  parents: string;
}

export const PHRASE_SETS: Readonly<Record<string, PhraseSet>> = {
  tr,
  uk,
  ar,
  ru,
  pl,
  ro,
  it,
  hr,
  bg,
  el,
  sq,
  fa,
  prs,
  ps,
  ku,
  ckb,
  so,
  ti,
  vi,
  es,
  fr,
};

export interface TranslateInput {
  name: string;
  organisation: string;
  label: string;
  focus: readonly FocusArea[];
  ageMin: number;
  ageMax: number;
  withParents: boolean;
  volunteersWanted: boolean;
  hoursPerWeek: number | undefined;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/**
 * The project's summary and description in every language of PHRASE_SETS. Built from the same facts
 * as the German text, without drawing random numbers, so the rest of the catalogue stays as it was.
 */
export function translatedDescriptions(input: TranslateInput): Record<string, LocalizedDescription> {
  const primary = input.focus[0] ?? "mentoring";
  const values = {
    label: input.label,
    a: input.ageMin,
    b: input.ageMax,
    name: input.name,
    org: input.organisation,
    h: input.hoursPerWeek ?? 2,
  };
  const out: Record<string, LocalizedDescription> = {};
  for (const [language, set] of Object.entries(PHRASE_SETS)) {
    // No intro sentence (name and organisation stand above the description already): keeps the
    // catalogue small. Placeholders {name} and {org} are available to translators all the same.
    const sentences = [
      set.detail[primary],
      input.volunteersWanted ? set.volunteersWanted : set.volunteersNotWanted,
      ...(input.withParents ? [set.parents] : []),
    ];
    out[language] = {
      short: fill(set.short[primary], values),
      long: sentences.map((s) => fill(s, values)).join(" "),
    };
  }
  return out;
}
