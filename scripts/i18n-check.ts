/**
 * `npm run i18n:check`: every registered locale complete and consistent with German (keys, variables,
 * CLDR plural forms), no unused keys, short button texts, right-to-left locales flagged, the locale
 * files wired in, the Slack texts in German and English alike, and a status line per locale in
 * locales/README.md. Prints every problem and exits non-zero when there is one.
 */
import { existsSync, readFileSync } from "node:fs";
import { LOCALES } from "../bot/locales.js";
import { FOCUS_AREAS } from "../core/focus.js";
import { COMMANDS, LanguageDataSchema } from "../core/language-data.js";
import { tokenize } from "../core/text-fold.js";
import { LOCALE_RESOURCES } from "../locales/index.js";
import { UNDERSTANDING_DATA } from "../locales/understanding/index.js";
import {
  checkButtons,
  checkDirection,
  checkGlossary,
  checkLocale,
  checkParity,
  checkReadme,
  checkUsage,
  type Glossary,
  MAX_BUTTON_CHARS,
  type Problem,
} from "./i18n/rules.js";
import { scanFolders } from "./i18n/usage.js";

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** Fewest free-text phrases per locale in test/fixtures/interest-phrases/<code>.json. */
const MIN_PHRASES = 5;

/** Problems with the files around a locale: JSON file, wiring, synonyms, test phrases. */
function checkFiles(code: string): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ locale: code, message });
  if (!existsSync(`locales/${code}.json`)) add(`locales/${code}.json is missing`);
  else if (!LOCALE_RESOURCES[code]) add("locale file not wired in locales/index.ts: run npm run i18n:index");
  problems.push(...checkUnderstanding(code));
  const phrases = `test/fixtures/interest-phrases/${code}.json`;
  const count = existsSync(phrases) ? (readJson(phrases) as unknown[]).length : 0;
  if (count < MIN_PHRASES) add(`${phrases}: ${count} phrases, at least ${MIN_PHRASES} needed`);
  return problems;
}

/** Commands people must be able to type in words in every language (deleting and seeing their data above all). */
const REQUIRED_COMMAND_WORDS = ["delete", "mydata", "help", "restart"] as const;

/** Fewest words per focus area in a locale's understanding data. */
const MIN_NEED_WORDS = 3;

/**
 * The locale's understanding data (`locales/understanding/<code>.json`): present, wired in, valid,
 * with need words for every focus area, the numbers 2 to 10, age units, volunteer phrases and the
 * words for deleting and seeing one's data, help and restart.
 */
function checkUnderstanding(code: string): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ locale: code, message });
  const path = `locales/understanding/${code}.json`;
  if (!existsSync(path)) return [{ locale: code, message: `${path} is missing` }];
  if (!UNDERSTANDING_DATA[code])
    add(`${path} not wired in locales/understanding/index.ts: run npm run i18n:index`);
  const parsed = LanguageDataSchema.safeParse(readJson(path));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(`${path}: ${issue.path.join(".")}: ${issue.message}`);
    return problems;
  }
  const data = parsed.data;
  for (const focus of FOCUS_AREAS)
    if (data.needs[focus].length < MIN_NEED_WORDS)
      add(`${path}: fewer than ${MIN_NEED_WORDS} words for ${focus}`);
  const values = new Set(Object.values(data.numbers));
  const missing = [2, 3, 4, 5, 6, 7, 8, 9, 10].filter((n) => !values.has(n));
  if (missing.length > 0) add(`${path}: no number word for ${missing.join(", ")}`);
  if (data.ageUnits.length === 0) add(`${path}: no age units ("Jahre")`);
  if (data.volunteer.length === 0) add(`${path}: no volunteer phrases`);
  for (const command of REQUIRED_COMMAND_WORDS)
    if (data.commands[command].length === 0) add(`${path}: no words for the command ${command}`);
  // A command is the whole message: a need word there would never reach the need reader ("Sprache").
  const needs = new Set(FOCUS_AREAS.flatMap((f) => data.needs[f].map((w) => tokenize(w).join(" "))));
  for (const command of COMMANDS)
    for (const w of data.commands[command])
      if (needs.has(tokenize(w).join(" ")))
        add(`${path}: "${w}" is a need word and a command word (${command})`);
  if (data.prepositions.length === 0 && data.placeSuffixes.length === 0)
    add(`${path}: neither prepositions nor case endings for place names`);
  return problems;
}

function run(): Problem[] {
  const german = readJson("locales/de.json") as Record<string, unknown>;
  const usage = scanFolders(["bot", "adapters"], new Set(Object.keys(german)));
  const problems: Problem[] = [...checkUsage(german, usage)];
  if ("slack" in german) {
    problems.push({ locale: "de", key: "slack", message: "Slack texts belong in locales/slack/de.json" });
  }
  // Which texts must name which term: kept once, in the German glossary.
  const requiredTerms = (readJson("locales/glossary/de.json") as Glossary).required ?? {};
  for (const info of LOCALES) {
    problems.push(...checkFiles(info.code));
    if (graphemeCount(info.nativeName) > MAX_BUTTON_CHARS) {
      problems.push({ locale: info.code, message: "native name too long for the language picker" });
    }
    if (!existsSync(`locales/${info.code}.json`)) continue;
    const tree = readJson(`locales/${info.code}.json`);
    if (info.code !== "de") problems.push(...checkLocale(info.code, info.intl, german, tree));
    problems.push(...checkButtons(info.code, tree, usage));
    const glossary = `locales/glossary/${info.code}.json`;
    if (!existsSync(glossary)) problems.push({ locale: info.code, message: `${glossary} is missing` });
    else problems.push(...checkGlossary(info.code, tree, readJson(glossary) as Glossary, requiredTerms));
    problems.push(...checkDirection(info.code, info.dir, tree));
  }
  const registered = new Set(LOCALES.map((l) => l.code));
  for (const code of Object.keys(LOCALE_RESOURCES)) {
    if (!registered.has(code)) problems.push({ locale: code, message: "wired in but not in bot/locales.ts" });
  }
  problems.push(
    ...checkParity("slack", readJson("locales/slack/de.json"), readJson("locales/slack/en.json")),
  );
  problems.push(...checkReadme(readFileSync("locales/README.md", "utf8"), LOCALES));
  return problems;
}

function graphemeCount(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].length;
}

function main(): void {
  const problems = run();
  if (problems.length === 0) {
    console.log(`i18n check: ${LOCALES.length} locales, all complete and consistent.`);
    return;
  }
  const byLocale = new Map<string, Problem[]>();
  for (const p of problems) byLocale.set(p.locale, [...(byLocale.get(p.locale) ?? []), p]);
  for (const [locale, list] of byLocale) {
    console.error(`\n${locale} (${list.length}):`);
    for (const p of list) console.error(`  ${p.key ? `${p.key}: ` : ""}${p.message}`);
  }
  console.error(`\ni18n check failed: ${problems.length} problem(s) in ${byLocale.size} locale(s).`);
  process.exit(1);
}

main();
