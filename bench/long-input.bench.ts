import { createLogger } from "../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";
import { answerSearchCommand } from "../adapters/slack/search-command.js";
import { readNeeds, understandingTables } from "../bot/understanding-tables.js";
import { createCatalogue } from "../core/catalogue.js";
import { createGazetteer } from "../core/gazetteer.js";
import { interestToFocus } from "../core/interest.js";
import type { Gazetteer } from "../core/location.js";
import { ProjectSchema } from "../core/project.js";

function timeMs(fn: () => unknown, rounds: number): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** How `/paten` read its text before the cap: every leading run of words tried as a place name. */
function formerPlaceScan(raw: string, gazetteer: Gazetteer): void {
  const words = raw.trim().replace(/\s+/g, " ").split(" ");
  for (let n = words.length; n >= 1; n--) {
    if (gazetteer.lookupPlace(words.slice(0, n).join(" ")).kind !== "not_found") return;
  }
}

/**
 * `/paten` with 12,000 characters (what blocked the server for 9.8 s), beside the ordinary
 * `/paten 50667 Lesen` measured in the same run, the interest matcher on a full dialog message, and
 * the former place scan once (on a fifth of the text: it is quadratic).
 */
export async function run(): Promise<void> {
  const [g, s] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
  const gazetteer = createGazetteer(g);
  const catalogue = createCatalogue(
    (s as { projects: unknown[] }).projects.map((p) => ProjectSchema.parse(p)),
    readNeeds,
  );
  const deps = { gazetteer, catalogue: () => catalogue, logger: createLogger("silent") };
  const inputs: Record<string, string> = {
    "baseline: 50667 Lesen": "50667 Lesen",
    "12,000 chars, place first": `Köln ${"Hausaufgaben und Lesen ".repeat(600)}`.slice(0, 12_000),
    "12,000 chars, no place": "Wort ".repeat(2_400),
  };
  console.log("/paten answer time (median of 15, ms)");
  for (const [name, text] of Object.entries(inputs)) {
    answerSearchCommand(text, deps);
    const ms = timeMs(() => answerSearchCommand(text, deps), 15);
    console.log(`  ${name.padEnd(28)} ${ms.toFixed(2).padStart(9)}`);
  }
  const dialogText = "Wir suchen jemanden für unsere Tochter ".repeat(30).slice(0, 1000);
  interestToFocus(dialogText, understandingTables(), ["de"]);
  const interest = timeMs(() => interestToFocus(dialogText, understandingTables(), ["de"]), 15);
  console.log(`  ${"interest in 1,000 chars".padEnd(28)} ${interest.toFixed(2).padStart(9)}`);
  const former = timeMs(() => formerPlaceScan("Wort ".repeat(480), gazetteer), 1);
  console.log(`  ${"former scan, 2,400 chars".padEnd(28)} ${former.toFixed(0).padStart(9)}`);
}
