/** A locale file's nested objects of strings. */
export type Tree = { [key: string]: string | Tree };

/** The CLDR plural categories, in the order translators expect them. */
export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Flattens a locale tree to dotted keys ("results.header_one" → text). Non-string leaves are reported as "". */
export function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (tree === null || typeof tree !== "object") return out;
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object") for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, typeof v === "string" ? v : "");
  }
  return out;
}

/** Splits "results.header_one" into its stem and plural category; plain keys have no category. */
export function pluralParts(key: string): { stem: string; category?: string } {
  const m = PLURAL_SUFFIX.exec(key);
  return m ? { stem: key.slice(0, m.index), category: m[1] } : { stem: key };
}

/** The plural stems of a key set ("results.header" when "results.header_one" and "_other" exist). */
export function pluralStems(keys: Iterable<string>): Set<string> {
  const stems = new Set<string>();
  for (const key of keys) {
    const { stem, category } = pluralParts(key);
    if (category) stems.add(stem);
  }
  return stems;
}

/** The interpolation variables of a text ("{{count}} Projekte um {{place}}" → count, place), sorted, unique. */
export function variables(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] as string)),
  ].sort();
}

/** The plural categories a language needs, from CLDR via Intl (e.g. Arabic: zero one two few many other). */
export function pluralCategoriesOf(intlTag: string): string[] {
  const found = new Intl.PluralRules(intlTag).resolvedOptions().pluralCategories as string[];
  return PLURAL_CATEGORIES.filter((c) => found.includes(c));
}

/** Rebuilds a nested tree from dotted keys, in the given key order. */
export function unflatten(entries: Iterable<[string, string]>): Tree {
  const root: Tree = {};
  for (const [key, value] of entries) {
    const parts = key.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === "object") node = next;
      else {
        const created: Tree = {};
        node[part] = created;
        node = created;
      }
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return root;
}
