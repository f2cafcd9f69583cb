import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatKm, RESOURCES } from "../bot/i18n.js";
import { directionOf, LOCALES, resolveLanguage } from "../bot/locales.js";
import { FOCUS_AREAS } from "../core/focus.js";
import { HandoffStateSchema } from "../core/handoff.js";
import type { PostcodeError } from "../core/location.js";
import { STATES } from "../core/state.js";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const de = flatten(RESOURCES.de as Tree);
const en = flatten(RESOURCES.en as Tree);
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A key exists as such or with plural suffixes. */
function has(keys: Map<string, string>, key: string): boolean {
  return keys.has(key) || keys.has(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const source = sourceFiles("bot")
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");
const topLevel = new Set([...de.keys()].map((k) => k.split(".")[0]));

/** Dynamic key families built with template literals, and every key they may produce. */
const DYNAMIC: Record<string, readonly string[]> = {
  "focus.": FOCUS_AREAS,
  "state.": STATES,
  "postcode.error.": [
    "empty",
    "too_short",
    "too_long",
    "not_digits",
    "unknown",
    "foreign",
    "at_ch",
  ] satisfies PostcodeError[],
  "handoff.state.": HandoffStateSchema.options,
  "handoff.next.": ["chat", "phone", "email"],
  "contact.way.": ["chat", "phone", "email"],
  "contact.ask.": ["phone", "email"],
  "contact.invalid.": ["phone", "email"],
  "roleName.": ["family", "volunteer", "coordinator"],
  "volunteer.hours.": ["1", "2", "4", "6"],
};

describe("locales", () => {
  it("de and en have exactly the same keys, none empty", () => {
    expect([...en.keys()].sort()).toEqual([...de.keys()].sort());
    for (const [k, v] of [...de, ...en]) expect(v.trim(), k).not.toBe("");
  });

  it("use the same interpolation variables in de and en", () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of de) expect(vars(en.get(k) ?? ""), k).toEqual(vars(v));
  });

  it("every literal key used in bot/ exists", () => {
    const literals = [...source.matchAll(/"([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+)"/g)]
      .map((m) => m[1] as string)
      .filter((k) => topLevel.has(k.split(".")[0] as string) && !k.endsWith(".js") && !k.endsWith(".json"));
    expect(literals.length).toBeGreaterThan(80);
    for (const key of new Set(literals)) {
      expect(has(de, key), key).toBe(true);
      expect(has(en, key), key).toBe(true);
    }
  });

  it("every dynamic key family used in bot/ is known and complete", () => {
    const prefixes = [...source.matchAll(/`([a-zA-Z.]+\.)\$\{/g)].map((m) => m[1] as string);
    expect(prefixes.length).toBeGreaterThan(5);
    for (const prefix of new Set(prefixes)) {
      if (prefix === "proj:" || !topLevel.has(prefix.split(".")[0] as string)) continue;
      const members = DYNAMIC[prefix];
      expect(members, `unknown dynamic key family ${prefix}`).toBeDefined();
      for (const m of members ?? []) {
        expect(has(de, prefix + m), prefix + m).toBe(true);
        expect(has(en, prefix + m), prefix + m).toBe(true);
      }
    }
  });

  it("plural keys come with _one and _other", () => {
    for (const keys of [de, en]) {
      for (const k of keys.keys()) {
        if (!PLURAL.test(k)) continue;
        const stem = k.replace(PLURAL, "");
        expect(keys.has(`${stem}_one`) && keys.has(`${stem}_other`), stem).toBe(true);
      }
    }
  });

  it("has a locale file for every registered locale and vice versa", () => {
    const files = readdirSync("locales")
      .filter((f) => f.endsWith(".json") && f !== "review-state.json")
      .map((f) => f.replace(".json", ""));
    expect(files.sort()).toEqual(LOCALES.map((l) => l.code).sort());
    expect(Object.keys(RESOURCES).sort()).toEqual(files.sort());
  });
});

describe("locale formatting and registry", () => {
  it("formats distances per locale", () => {
    expect(formatKm(1.84, "de")).toBe("1,8 km");
    expect(formatKm(1.84, "en")).toBe("1.8 km");
    expect(formatKm(25, "de")).toBe("25 km");
    // Remembered per language and value: asking again, or in another language, gives the right text.
    expect(formatKm(1.84, "de")).toBe("1,8 km");
    expect(formatKm(25, "en")).toBe("25 km");
    expect(formatKm(12.5, "de")).toBe("13 km");
    expect(formatKm(-0, "en")).toBe(
      new Intl.NumberFormat("en", { style: "unit", unit: "kilometer", maximumFractionDigits: 1 }).format(-0),
    );
  });

  it("resolves platform hints and knows right-to-left scripts", () => {
    expect(resolveLanguage("en-GB")).toBe("en");
    expect(resolveLanguage("de_AT")).toBe("de");
    expect(resolveLanguage("xx")).toBeUndefined();
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("ckb")).toBe("rtl");
    expect(directionOf("de")).toBe("ltr");
  });
});
