import { type LanguageTables, MIN_COMPOUND_VOLUNTEER_STEM, phraseAt } from "./language-tables.js";

/** What a message says about who is writing. */
export interface RoleHint {
  /** Words of a volunteer ("ich möchte Patin werden", "волонтером"), and where they stand. */
  volunteer: { at: number; words: number }[];
  /** Words for one's own child ("mein Sohn", "ابني"): a family. */
  ownChild: boolean;
}

/** A volunteer phrase at word `i`: each of its words starts the message's word ("волонтер" → "волонтеркою"). */
function volunteerAt(words: readonly string[], i: number, language: LanguageTables): number {
  let best = 0;
  const first = words[i] ?? "";
  // Only phrases that can fit: starting with the word's letter, or (compounds) ending the word.
  for (const list of [language.volunteerByFirst.get(first[0] ?? ""), language.volunteerInCompounds]) {
    for (const phrase of list ?? []) {
      if (phrase.length <= best) continue;
      const fits = phrase.every((stem, j) => {
        const w = words[i + j] ?? "";
        // In compounding languages the first word may end in it ("Hausaufgabenhilfe geben").
        return (
          w.startsWith(stem) ||
          (j === 0 && language.compounds && stem.length >= MIN_COMPOUND_VOLUNTEER_STEM && w.endsWith(stem))
        );
      });
      if (fits) best = phrase.length;
    }
  }
  return best;
}

/** Finds volunteer phrases and words for one's own child in folded words, in the given languages. */
export function roleInWords(words: readonly string[], languages: readonly LanguageTables[]): RoleHint {
  const volunteer: RoleHint["volunteer"] = [];
  let ownChild = false;
  for (let i = 0; i < words.length; i++) {
    for (const l of languages) {
      const n = volunteerAt(words, i, l);
      if (n > 0) {
        volunteer.push({ at: i, words: n });
        break;
      }
    }
    if (!ownChild && languages.some((l) => phraseAt(words, i, l.children) > 0)) ownChild = true;
  }
  return { volunteer, ownChild };
}
