/**
 * Scores the bot's understanding on the hand-written messages in test/fixtures/understanding/
 * (10+ per locale, written before tuning): need, wrong additions, age, place, false places, role,
 * language offered first, and offers on messages already in the session's language.
 * `npm run eval:understanding` prints one row per locale and the totals; `-- --set holdout` scores
 * the held-out set in test/fixtures/understanding-holdout/ instead (`-- --set holdout2` the second
 * one, Pashto, Dari and Somali only), `-- --misses` lists every miss.
 */
import { readGazetteerData } from "../adapters/node-data-files.js";
import { createGazetteer } from "../core/gazetteer.js";
import { SETS, type SetName, scoreAll } from "./understanding/score.js";

const setArg = process.argv[process.argv.indexOf("--set") + 1];
const set: SetName = process.argv.includes("--set") ? (setArg as SetName) : "main";
if (!(set in SETS)) throw new Error(`Unknown set "${setArg}"; known: ${Object.keys(SETS).join(", ")}`);
const gazetteer = createGazetteer(await readGazetteerData());
const { rows, total, misses } = scoreAll(gazetteer, set);
const pct = (n: number, d: number) => (d === 0 ? "   –" : `${Math.round((100 * n) / d)}`.padStart(4));
const header = [
  "locale   ",
  "need%",
  "wrong+",
  "age%",
  "place%",
  "falsePl",
  "role%",
  "lang1st%",
  "sameOffer",
].join(" ");
console.log(header);
for (const r of [...rows, total]) {
  console.log(
    [
      r.locale.padEnd(9),
      pct(r.need, r.needOf).padStart(5),
      String(r.wrongAdded).padStart(6),
      pct(r.age, r.ageOf),
      pct(r.place, r.placeOf).padStart(6),
      `${r.falsePlaces}/${r.messages}`.padStart(7),
      pct(r.role, r.messages).padStart(5),
      pct(r.langFirst, r.langOf).padStart(8),
      `${r.sameOffers}/${r.messages}`.padStart(9),
    ].join(" "),
  );
}
if (process.argv.includes("--misses")) for (const m of misses) console.log(m);
