import { flatten, pluralCategoriesOf, pluralParts, pluralStems, variables } from "./keys.js";
import { isButton, isUsed, type KeyUsage } from "./usage.js";

/** Longest button text (graphemes, variables left out): one line on a phone and in Telegram. */
export const MAX_BUTTON_CHARS = 30;

/** One thing the check found wrong, in one locale (or "*" for all). */
export interface Problem {
  locale: string;
  key?: string;
  message: string;
}

const graphemes = (text: string) =>
  [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].length;

/** The length of a button text as a person sees it, without {{variables}}. */
export function buttonLength(text: string): number {
  return graphemes(text.replace(/\{\{[^}]*\}\}/g, "").trim());
}

/**
 * Compares one locale with German: every key present and non-empty, the same variables (plural
 * forms may drop {{count}}, as Arabic "one" or "zero" do), every CLDR plural category of the
 * language and no other, no keys German does not have.
 */
export function checkLocale(code: string, intlTag: string, german: unknown, tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (key: string, message: string) => problems.push({ locale: code, key, message });
  const de = flatten(german);
  const own = flatten(tree);
  const deStems = pluralStems(de.keys());
  const categories = pluralCategoriesOf(intlTag);
  const expected = new Set<string>();
  for (const key of de.keys()) {
    const { stem, category } = pluralParts(key);
    if (!category) expected.add(key);
    else if (deStems.has(stem)) for (const c of categories) expected.add(`${stem}_${c}`);
  }
  for (const key of expected) {
    const text = own.get(key);
    const { stem, category } = pluralParts(key);
    if (text === undefined) {
      add(key, category ? `missing plural form "${category}" (${categories.join(" ")})` : "missing");
      continue;
    }
    if (text.trim() === "") {
      add(key, "empty");
      continue;
    }
    const reference = de.get(key) ?? de.get(`${stem}_other`) ?? "";
    const want = variables(reference);
    const got = variables(text);
    const unknown = got.filter((v) => !want.includes(v));
    const lost = want.filter((v) => !got.includes(v) && !(category && v === "count"));
    if (unknown.length > 0) add(key, `unknown variable ${unknown.map((v) => `{{${v}}}`).join(" ")}`);
    if (lost.length > 0) add(key, `variable ${lost.map((v) => `{{${v}}}`).join(" ")} missing`);
  }
  for (const key of own.keys()) {
    if (expected.has(key)) continue;
    const { stem, category } = pluralParts(key);
    if (category && deStems.has(stem))
      add(key, `plural form "${category}" is not used in ${intlTag} (${categories.join(" ")})`);
    else add(key, "not in German (locales/de.json)");
  }
  return problems;
}

/** German keys the code never uses, and literal keys the code uses that German lacks. */
export function checkUsage(german: unknown, usage: KeyUsage): Problem[] {
  const problems: Problem[] = [];
  const de = flatten(german);
  const stems = new Set([...de.keys()].map((k) => pluralParts(k).stem));
  for (const key of de.keys()) {
    if (!isUsed(key, pluralParts(key).stem, usage)) {
      problems.push({ locale: "de", key, message: "not used in bot/ or adapters/ (remove it, or use it)" });
    }
  }
  for (const key of usage.calls) {
    if (!stems.has(key) && ![...stems].some((s) => s.startsWith(`${key}.`))) {
      problems.push({ locale: "de", key, message: "used in the code but missing in locales/de.json" });
    }
  }
  return problems;
}

/** Button texts longer than MAX_BUTTON_CHARS in one locale. */
export function checkButtons(code: string, tree: unknown, usage: KeyUsage): Problem[] {
  const problems: Problem[] = [];
  for (const [key, text] of flatten(tree)) {
    if (!isButton(pluralParts(key).stem, usage)) continue;
    const n = buttonLength(text);
    if (n > MAX_BUTTON_CHARS) {
      problems.push({
        locale: code,
        key,
        message: `button text has ${n} characters, at most ${MAX_BUTTON_CHARS}`,
      });
    }
  }
  return problems;
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

/** The share of a locale's letters (outside {{variables}}) that are written right to left. */
export function rtlShare(tree: unknown): number {
  let rtl = 0;
  let all = 0;
  for (const text of flatten(tree).values()) {
    for (const ch of text.replace(/\{\{[^}]*\}\}/g, "")) {
      if (!LETTER.test(ch)) continue;
      all++;
      if (RTL_LETTER.test(ch)) rtl++;
    }
  }
  return all === 0 ? 0 : rtl / all;
}

/** A locale written mostly in a right-to-left script must be flagged rtl in the registry, and the other way round. */
export function checkDirection(code: string, dir: "ltr" | "rtl", tree: unknown): Problem[] {
  const share = rtlShare(tree);
  if (share > 0.5 && dir !== "rtl") {
    return [{ locale: code, message: "text is right-to-left but the registry (bot/locales.ts) says ltr" }];
  }
  if (share < 0.2 && dir === "rtl") {
    return [{ locale: code, message: "registry says rtl but the text is not in a right-to-left script" }];
  }
  return [];
}

/** Two files of one namespace (Slack: German and English) with the same keys, none empty, the same variables. */
export function checkParity(name: string, a: unknown, b: unknown): Problem[] {
  const problems: Problem[] = [];
  const fa = flatten(a);
  const fb = flatten(b);
  for (const [key, text] of fa) {
    const other = fb.get(key);
    if (other === undefined) problems.push({ locale: name, key, message: "missing in the English file" });
    else if (variables(other).join() !== variables(text).join()) {
      problems.push({ locale: name, key, message: "variables differ between German and English" });
    }
    if (text.trim() === "" || other?.trim() === "") problems.push({ locale: name, key, message: "empty" });
  }
  for (const key of fb.keys()) {
    if (!fa.has(key)) problems.push({ locale: name, key, message: "missing in the German file" });
  }
  return problems;
}

/** Status words a locale may have in locales/README.md. */
export const STATUSES = ["complete", "machine-drafted, awaiting review", "reviewed"] as const;

/**
 * Each registered locale has one row in the README's status table (`| code | name | direction |
 * status |`), its direction matches the registry, and its status is one of STATUSES.
 */
export function checkReadme(readme: string, locales: readonly { code: string; dir: string }[]): Problem[] {
  const problems: Problem[] = [];
  const rows = new Map<string, string[]>();
  for (const line of readme.split("\n")) {
    const cells = line.split("|").map((c) => c.trim().replace(/^`|`$/g, ""));
    if (cells.length >= 6 && cells[0] === "") rows.set(cells[1] ?? "", cells.slice(1, -1));
  }
  for (const { code, dir } of locales) {
    const row = rows.get(code);
    if (!row) {
      problems.push({ locale: code, message: "no status line in locales/README.md" });
      continue;
    }
    const [, , direction = "", status = ""] = row;
    if (!direction.startsWith(dir)) {
      problems.push({ locale: code, message: `locales/README.md says "${direction}", the registry ${dir}` });
    }
    if (!STATUSES.some((s) => status.startsWith(s))) {
      problems.push({ locale: code, message: `unknown status "${status}" in locales/README.md` });
    }
  }
  return problems;
}

/** A locale's glossary (`locales/glossary/<code>.json`): its words for the programme's terms, and words it must not use. */
export interface Glossary {
  /** The locale's word for each term; alternatives separated by " / " ("Pate / Patin"). */
  terms: Record<string, string>;
  /** Other wordings and word stems that count as the term (inflected: "довідк про несудим"); each word matches as a word start. */
  forms?: Record<string, string[]>;
  /**
   * The texts that must name a term: term → keys. Kept in the German glossary for every locale
   * (the keys are the same everywhere); a locale's own glossary may add more.
   */
  required?: Record<string, string[]>;
  /** Words or word starts that contradict the glossary ("porodica" where the locale says "obitelj"). */
  avoid: string[];
  /** Contexts in which an avoided word may stand ("(Patenschaft)" after the translation, the product name). */
  allowed: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the text names the term: one of its alternatives or forms, each word as a word start, in sequence. */
export function namesTerm(text: string, term: string, forms: readonly string[] = []): boolean {
  return [...term.split(" / "), ...forms].some((wording) => {
    const words = wording
      .trim()
      .split(/\s+/u)
      .filter((w) => w !== "");
    if (words.length === 0) return false;
    // Word-internal: letters, marks and the zero-width non-joiner of Persian and Sorani ("بێ‌تاوانی").
    const pattern = words.map(escapeRegExp).join("[\\p{L}\\p{M}\\u200c]*[\\s\\u00a0]+");
    return new RegExp(`(^|[^\\p{L}\\p{M}])${pattern}`, "iu").test(text);
  });
}

/**
 * Every text of the locale holds to its glossary: no avoided word (as a word start), outside the
 * allowed contexts; and every text the glossaries require a term in (`required`, from the German
 * glossary and the locale's own) names it in the locale's word (`terms`) or one of its `forms`.
 */
export function checkGlossary(
  code: string,
  tree: unknown,
  glossary: Glossary,
  required: Record<string, string[]> = {},
): Problem[] {
  const problems: Problem[] = [];
  const texts = new Map(flatten(tree));
  const wanted = new Map<string, Set<string>>();
  for (const source of [required, glossary.required ?? {}])
    for (const [term, keys] of Object.entries(source))
      for (const key of keys) wanted.set(key, new Set([...(wanted.get(key) ?? []), term]));
  for (const [key, terms] of wanted) {
    const text = texts.get(key);
    if (text === undefined) {
      problems.push({
        locale: code,
        key,
        message: "the glossary requires a term in a key that does not exist",
      });
      continue;
    }
    for (const term of terms) {
      const word = glossary.terms[term];
      if (word === undefined)
        problems.push({ locale: code, key, message: `the glossary has no word for "${term}"` });
      else if (!namesTerm(text, word, glossary.forms?.[term]))
        problems.push({
          locale: code,
          key,
          message: `does not name "${word}" (${term}), as the glossary requires`,
        });
    }
  }
  for (const [key, text] of flatten(tree)) {
    let rest = text;
    for (const a of glossary.allowed) rest = rest.split(a).join(" ");
    for (const word of glossary.avoid) {
      const escaped = escapeRegExp(word);
      if (new RegExp(`(^|[^\\p{L}])${escaped}`, "iu").test(rest))
        problems.push({ locale: code, key, message: `uses "${word}", which the glossary avoids` });
    }
  }
  return problems;
}
