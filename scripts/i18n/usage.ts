import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** How the code uses translation keys, found by reading its source. */
export interface KeyUsage {
  /** Keys written out in full: "results.header", "language.offer". */
  literals: Set<string>;
  /** Prefixes of keys built at run time: `focus.${f}` → "focus.", `web.${key}` → "web.". */
  prefixes: Set<string>;
  /** Keys passed to t("…") as a plain string: each must exist. */
  calls: Set<string>;
  /** Keys (or prefixes ending in ".") whose text is a whole button or link label. */
  buttons: Set<string>;
}

/** All .ts files under a folder (the chat page's client code is TypeScript too). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The text inside the parentheses that open at `open` (balanced, strings not parsed: good enough for our calls). */
function callArguments(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return source.slice(open + 1, i);
  }
  return "";
}

/** The second argument of a call's argument text (top-level comma), trimmed. */
function secondArgument(args: string): string {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 0) return args.slice(i + 1).trim();
  }
  return "";
}

/** The keys or key prefixes passed to t(…) in `args`; a variable (`t(contactKey)`) is looked up in `source`. */
function translatedKeys(args: string, source: string): string[] {
  const keys: string[] = [];
  for (const m of args.matchAll(/\bt\(\s*(?:"([^"]+)"|`([^`$]*)[^`]*`|([A-Za-z_]\w*)\s*[,)])/g)) {
    const key = m[1] ?? m[2];
    if (key) keys.push(key);
    const definition = m[3] ? new RegExp(`\\bconst ${m[3]}\\s*=([^;]*);`).exec(source) : null;
    for (const d of definition?.[1]?.matchAll(/"([a-z]\w*(?:\.\w+)+)"/g) ?? []) keys.push(d[1] as string);
  }
  return keys;
}

/**
 * Reads how `source` uses keys whose first segment is in `namespaces`: every quoted dotted string
 * that starts with a namespace counts as a literal key, every template literal `ns.….${` as a prefix,
 * and t(…) inside choice(…), `buttonLabel:` or a link's `label:` as a button label.
 */
export function scanKeyUsage(source: string, namespaces: ReadonlySet<string>): KeyUsage {
  const usage: KeyUsage = { literals: new Set(), prefixes: new Set(), calls: new Set(), buttons: new Set() };
  const known = (key: string) => namespaces.has(key.split(".")[0] ?? "");
  for (const m of source.matchAll(/["'`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)["'`]/g)) {
    const key = m[1] as string;
    if (known(key) && !/\.(js|ts|json)$/.test(key)) usage.literals.add(key);
  }
  for (const m of source.matchAll(/`([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)*\.)\$\{/g)) {
    const prefix = m[1] as string;
    if (known(prefix)) usage.prefixes.add(prefix);
  }
  for (const m of source.matchAll(/\bt\(\s*"([^"]+)"/g)) {
    if (known(m[1] as string)) usage.calls.add(m[1] as string);
  }
  for (const m of source.matchAll(/\bchoice\(/g)) {
    const label = secondArgument(callArguments(source, (m.index ?? 0) + m[0].length - 1));
    if (/^(?:ctx\.)?t\(/.test(label)) for (const key of translatedKeys(label, source)) usage.buttons.add(key);
  }
  for (const m of source.matchAll(/\b(?:buttonLabel|label):\s*[^,}\n]*/g)) {
    for (const key of translatedKeys(m[0], source)) usage.buttons.add(key);
  }
  return usage;
}

/** The key usage of every source file under the given folders. */
export function scanFolders(dirs: readonly string[], namespaces: ReadonlySet<string>): KeyUsage {
  const source = dirs
    .flatMap((d) => sourceFiles(d))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  return scanKeyUsage(source, namespaces);
}

/** True when the code uses a key (or its plural stem) literally or through a run-time prefix. */
export function isUsed(key: string, stem: string, usage: KeyUsage): boolean {
  if (usage.literals.has(key) || usage.literals.has(stem)) return true;
  for (const prefix of usage.prefixes) if (key.startsWith(prefix)) return true;
  return false;
}

/** True when a key's text is shown on a button: its key or one of its prefixes was seen as a label. */
export function isButton(stem: string, usage: KeyUsage): boolean {
  if (usage.buttons.has(stem)) return true;
  for (const b of usage.buttons) if (b.endsWith(".") && stem.startsWith(b)) return true;
  return false;
}
