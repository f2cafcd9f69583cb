/**
 * Interpolated numbers, distances and lists with the kept per-locale Intl formatters (bot/i18n.ts)
 * beside building a formatter per call, as before; and one translated results line, to see what
 * share i18next itself has. Bounded: a fixed number of calls, best of 3 rounds.
 */
import { formatKm, formatNumber, joinList, translator } from "../bot/i18n.js";
import { printTable } from "./support/app-process.js";

const CALLS = 20_000;
const LANGS = ["de", "ar", "fa", "en", "tr", "uk"];

function best(fn: (i: number) => unknown): number {
  let bestUs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < CALLS; i++) fn(i);
    bestUs = Math.min(bestUs, ((performance.now() - t) * 1000) / CALLS);
  }
  return bestUs;
}

export async function run(): Promise<void> {
  const lang = (i: number) => LANGS[i % LANGS.length] as string;
  const t = LANGS.map((l) => translator(l));
  const rows: [string, number][] = [
    ["formatNumber, kept formatter", best((i) => formatNumber(i, lang(i)))],
    [
      "new Intl.NumberFormat per call (before)",
      best((i) =>
        new Intl.NumberFormat(lang(i), { useGrouping: "min2" } as Intl.NumberFormatOptions).format(i),
      ),
    ],
    ["formatKm, kept formatter", best((i) => formatKm(i / 7, lang(i)))],
    [
      "new unit formatter per call (before)",
      best((i) =>
        new Intl.NumberFormat(lang(i), { style: "unit", unit: "kilometer", maximumFractionDigits: 1 }).format(
          i / 7,
        ),
      ),
    ],
    ["joinList, kept formatter", best((i) => joinList(["Lesen", "Schule", "Beruf"], lang(i)))],
    [
      "new Intl.ListFormat per call (before)",
      best((i) =>
        new Intl.ListFormat(lang(i), { style: "long", type: "conjunction" }).format([
          "Lesen",
          "Schule",
          "Beruf",
        ]),
      ),
    ],
    [
      "i18next: one line with a number (t)",
      best((i) => t[i % t.length]?.("results.header", { count: (i % 40) + 1, km: "10 km", place: "Köln" })),
    ],
  ];
  printTable(
    ["call", "µs per call"],
    rows.map(([name, us]) => [name, us.toFixed(2)]),
  );
}
