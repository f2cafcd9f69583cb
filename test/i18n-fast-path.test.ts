import { describe, expect, it } from "vitest";
import { RESOURCES, referenceTranslator, translator } from "../bot/i18n.js";
import { LOCALES } from "../bot/locales.js";
import { SLACK_RESOURCES } from "../locales/index.js";

/** Every dotted key of a resource tree that holds a string. */
function keysOf(node: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(node).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") return [key];
    return v && typeof v === "object" ? keysOf(v as Record<string, unknown>, key) : [];
  });
}

/** Values of every kind the bot interpolates: text with Latin and Arabic script, numbers, null. */
const VALUES: Record<string, unknown> = {
  project: "Leseclub Köln",
  name: "Aylin",
  from: "Sprachpaten Ehrenfeld",
  to: "مشروع القراءة",
  distance: "2,1 km",
  date: "3. Mai 2026",
  n: 1234,
  max: 2000,
  hours: 2.5,
  value: "+49 170 1234567",
  office: null,
};

describe("the translation fast path", () => {
  const languages = [...LOCALES.map((l) => l.code), "xx"];
  it.each(languages)("gives exactly what i18next gives for every key of %s", (lng) => {
    const fast = translator(lng);
    const reference = referenceTranslator(lng);
    const keys = new Set([
      ...keysOf(RESOURCES.de ?? {}),
      ...keysOf(RESOURCES[lng] ?? {}),
      ...keysOf(SLACK_RESOURCES.de ?? {}, "slack"),
    ]);
    expect(keys.size).toBeGreaterThan(200);
    for (const key of keys) {
      expect(fast(key, VALUES), key).toBe(reference(key, VALUES));
      expect(fast(key), key).toBe(reference(key));
      expect(fast(key, {}), key).toBe(reference(key, {}));
    }
    // Plurals: every plural key at counts that pick every category in some language.
    const plurals = new Set(
      [...keys]
        .filter((k) => /_(zero|one|two|few|many|other)$/.test(k))
        .map((k) => k.replace(/_[a-z]+$/, "")),
    );
    expect(plurals.size).toBeGreaterThan(5);
    for (const key of plurals)
      for (const count of [0, 1, 2, 3, 5, 11, 21, 22, 100, 101, 1.5])
        expect(fast(key, { ...VALUES, count }), `${key} ${count}`).toBe(reference(key, { ...VALUES, count }));
    // A count with a key that has one form for every count ("results.range"): the key itself.
    for (const key of keys)
      for (const count of [0, 1, 2])
        expect(fast(key, { ...VALUES, count }), `${key} ${count}`).toBe(reference(key, { ...VALUES, count }));
    // Unknown keys take i18next's own way.
    expect(fast("no.such.key")).toBe(reference("no.such.key"));
    expect(fast("slack.handoff.fallback", { project: "X" })).toBe(
      reference("slack.handoff.fallback", { project: "X" }),
    );
  });
});
