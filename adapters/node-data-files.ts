import { readFile } from "node:fs/promises";
import type { GazetteerData } from "../core/gazetteer-data.js";

const dataFile = (name: string) => new URL(`../data/${name}`, import.meta.url);

/** Reads the committed gazetteer (Node only; the Worker bundles it). */
export async function readGazetteerData(): Promise<GazetteerData> {
  return JSON.parse(await readFile(dataFile("gazetteer.json"), "utf8")) as GazetteerData;
}

/** Reads the committed fictional sample catalogue (validated when it is loaded into the database). */
export async function readSampleCatalogue(): Promise<unknown> {
  return JSON.parse(await readFile(dataFile("sample-projects.json"), "utf8"));
}
