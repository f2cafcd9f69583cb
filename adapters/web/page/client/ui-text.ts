import { byId } from "./dom.js";

/** The page chrome's strings of every language, from the page's JSON island (data, never executed). */
const uiAll: Record<string, Record<string, string>> = JSON.parse(byId("ui-strings").textContent || "{}");

/** The language and writing direction the page currently speaks. */
export const page = {
  language: document.documentElement.lang || "de",
  dir: (document.documentElement.dir === "rtl" ? "rtl" : "ltr") as "ltr" | "rtl",
};

/** A chrome string in the current language (German, then the key, as fallback). */
export function ui(key: string): string {
  const table = uiAll[page.language] ?? uiAll[page.language.split("-")[0] ?? ""] ?? uiAll.de ?? {};
  return table[key] || uiAll.de?.[key] || key;
}

/** Applies the current language and direction to the page and its own strings. */
export function applyChrome(): void {
  document.documentElement.lang = page.language;
  document.documentElement.dir = page.dir;
  document.title = ui("title");
  byId("title").textContent = ui("title");
  byId("language-label").textContent = ui("language");
  byId("message-label").textContent = ui("placeholder");
  const input = byId<HTMLInputElement>("message");
  input.placeholder = ui("placeholder");
  byId("send").textContent = ui("send");
  const demo = document.getElementById("demo-notice");
  if (demo) demo.textContent = ui("demoNotice");
}
