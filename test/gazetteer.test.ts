import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createGazetteer } from "../core/gazetteer.js";
import type { GazetteerData } from "../core/gazetteer-data.js";
import { distanceKm, isInGermany } from "../core/geo.js";
import type { Gazetteer, PlaceLookup, PostcodeEntry } from "../core/location.js";
import { STATES } from "../core/state.js";

const data = JSON.parse(
  readFileSync(new URL("../data/gazetteer.json", import.meta.url), "utf8"),
) as GazetteerData;
let gazetteer: Gazetteer;

beforeAll(() => {
  gazetteer = createGazetteer(data);
});

function postcode(input: string): PostcodeEntry {
  const result = gazetteer.lookupPostcode(input);
  if (!result.ok) throw new Error(`${input}: ${result.reason}`);
  return result.entry;
}

function found(result: PlaceLookup | undefined) {
  if (result?.kind !== "found") throw new Error(`expected one place, got ${JSON.stringify(result)}`);
  return result.place;
}

describe("the committed gazetteer data", () => {
  it("holds every German delivery postcode once", () => {
    expect(data.postcodes.length).toBeGreaterThanOrEqual(8100);
    expect(data.postcodes.length).toBeLessThanOrEqual(8300);
    expect(new Set(data.postcodes.map((p) => p[0])).size).toBe(data.postcodes.length);
  });

  it("gives every postcode a valid Land, coordinates in Germany and a place name", () => {
    for (const [code, lat, lon, state, inferred, names] of data.postcodes) {
      expect(code, code).toMatch(/^\d{5}$/);
      expect(STATES, code).toContain(state);
      expect(isInGermany({ lat, lon }), code).toBe(true);
      expect([0, 1], code).toContain(inferred);
      expect(names.length, code).toBeGreaterThan(0);
    }
  });

  it("has places with valid Länder and an attribution", () => {
    expect(data.places.length).toBeGreaterThan(10_000);
    for (const [name, lat, lon, state] of data.places) {
      expect(STATES, name).toContain(state);
      expect(isInGermany({ lat, lon }), name).toBe(true);
    }
    expect(data.attribution).toMatch(/OpenStreetMap/);
    expect(data.attribution).toMatch(/GeoNames/);
  });

  it("infers only a small share of postcodes", () => {
    const inferred = data.postcodes.filter((p) => p[4] === 1).length;
    expect(inferred / data.postcodes.length).toBeLessThan(0.1);
  });
});

describe("lookupPostcode", () => {
  it("finds Berlin 10115 in BE near the centre", () => {
    const entry = postcode("10115");
    expect(entry.state).toBe("BE");
    expect(entry.places).toContain("Berlin");
    expect(distanceKm(entry, { lat: 52.53, lon: 13.38 })).toBeLessThan(5);
  });

  it.each([
    ["50667", "Köln", "NW", { lat: 50.94, lon: 6.96 }],
    ["80331", "München", "BY", { lat: 48.137, lon: 11.575 }],
    ["01067", "Dresden", "SN", { lat: 51.05, lon: 13.74 }],
    ["20095", "Hamburg", "HH", { lat: 53.55, lon: 10.0 }],
    ["66111", "Saarbrücken", "SL", { lat: 49.23, lon: 7.0 }],
    ["24103", "Kiel", "SH", { lat: 54.32, lon: 10.13 }],
  ] as const)("finds %s %s in %s", (code, place, state, near) => {
    const entry = postcode(code);
    expect(entry.places[0]).toBe(place);
    expect(entry.state).toBe(state);
    expect(distanceKm(entry, near)).toBeLessThan(5);
  });

  it("accepts prefixes and other digit scripts", () => {
    expect(postcode("D-50667").postcode).toBe("50667");
    expect(postcode("٥٠٦٦٧").postcode).toBe("50667");
    expect(postcode("۵۰۶۶۷").postcode).toBe("50667");
  });

  it.each([
    ["5066", "at_ch"],
    ["1010", "at_ch"],
    ["8001", "at_ch"],
    ["1067", "too_short"],
    ["00000", "unknown"],
    ["99999", "unknown"],
    ["A-1010", "foreign"],
    ["1010 Wien", "foreign"],
    ["CH-8001", "foreign"],
    ["1012 AB", "foreign"],
    ["00-950", "foreign"],
    ["SW1A 1AA", "foreign"],
    ["", "empty"],
  ])("refuses %j as %s", (input, reason) => {
    expect(gazetteer.lookupPostcode(input)).toEqual({ ok: false, reason });
  });
});

describe("lookupPlace", () => {
  it.each(["Köln", "Koeln", "koln", "KÖLN"])("resolves %s to the city of Köln despite namesakes", (input) => {
    const place = found(gazetteer.lookupPlace(input));
    expect(place.name).toBe("Köln");
    expect(place.population).toBeGreaterThan(900_000);
  });

  it.each(["München", "Muenchen", "Munchen", "Munich"])("resolves %s to München", (input) => {
    expect(found(gazetteer.lookupPlace(input)).name).toBe("München");
  });

  it("finds districts with their parent city", () => {
    const neukoelln = found(gazetteer.lookupPlace("Neukölln"));
    expect(neukoelln.parent).toBe("Berlin");
    expect(neukoelln.state).toBe("BE");
    const altona = found(gazetteer.lookupPlace("Hamburg-Altona"));
    expect(altona.parent).toBe("Hamburg");
    expect(found(gazetteer.lookupPlace("Berlin Neukölln")).name).toBe("Neukölln");
  });

  it("tells the two Frankfurts apart by their full names", () => {
    const main = found(gazetteer.lookupPlace("Frankfurt am Main"));
    expect(main.state).toBe("HE");
    const oder = found(gazetteer.lookupPlace("Frankfurt (Oder)"));
    expect(oder.state).toBe("BB");
  });

  it("asks which Frankfurt and which Neustadt is meant", () => {
    const frankfurt = gazetteer.lookupPlace("Frankfurt");
    expect(frankfurt.kind).toBe("ambiguous");
    if (frankfurt.kind === "ambiguous")
      expect(frankfurt.choices.map((c) => c.state).sort()).toEqual(["BB", "HE"]);
    const neustadt = gazetteer.lookupPlace("Neustadt");
    expect(neustadt.kind).toBe("ambiguous");
    if (neustadt.kind === "ambiguous") {
      expect(neustadt.choices.length).toBeGreaterThan(3);
      expect(neustadt.choices.length).toBeLessThanOrEqual(8);
      const populations = neustadt.choices.map((c) => c.population);
      expect(populations).toEqual([...populations].sort((a, b) => b - a));
    }
  });

  it.each([
    ["Dortmnd", "Dortmund"],
    ["Stutgart", "Stuttgart"],
    ["Düseldorf", "Düsseldorf"],
    ["Nürnburg", "Nürnberg"],
  ])("forgives the typo %s", (input, name) => {
    expect(found(gazetteer.lookupPlace(input)).name).toBe(name);
  });

  it("resolves a municipality GeoNames lacks via its postcode", () => {
    const place = found(gazetteer.lookupPlace("Haselbachtal"));
    expect(place.state).toBe("SN");
    // Haselbachtal spans 01900 and 01920: the place sits between their centroids.
    expect(distanceKm(place, postcode("01920"))).toBeLessThan(15);
  });

  it("finds big cities by their name in other scripts", () => {
    expect(found(gazetteer.lookupPlace("Берлин")).name).toBe("Berlin");
    expect(found(gazetteer.lookupPlace("ميونخ")).name).toBe("München");
  });

  it("returns not_found for nonsense", () => {
    expect(gazetteer.lookupPlace("xyzzyq").kind).toBe("not_found");
    expect(gazetteer.lookupPlace("").kind).toBe("not_found");
  });
});

describe("findInText", () => {
  it("finds a postcode in a sentence, also in Arabic-Indic digits", () => {
    expect(gazetteer.findInText("wir wohnen in 50667 Köln")?.postcode?.postcode).toBe("50667");
    expect(gazetteer.findInText("نحن نسكن في ٥٠٦٦٧ كولونيا")?.postcode?.postcode).toBe("50667");
  });

  it("finds a place name, preferring the longer one", () => {
    expect(found(gazetteer.findInText("Ich wohne in Neukölln")?.place).name).toBe("Neukölln");
    expect(found(gazetteer.findInText("wir leben in frankfurt am main")?.place).state).toBe("HE");
    expect(found(gazetteer.findInText("Weil ich in Hamburg-Altona wohne")?.place).name).toBe("Altona");
    expect(found(gazetteer.findInText("wir sind aus Essen")?.place).name).toBe("Essen");
  });

  it("does not turn everyday words into places", () => {
    expect(
      gazetteer.findInText("Wir suchen eine Patin für unseren Sohn, weil er Hilfe braucht"),
    ).toBeUndefined();
    expect(gazetteer.findInText("Hallo, mein Kind ist 12 Jahre alt")).toBeUndefined();
  });
});

describe("nearestPostcode", () => {
  it("names a point by its nearest postcode", () => {
    const entry = gazetteer.nearestPostcode({ lat: 50.94, lon: 6.96 });
    expect(entry?.places).toContain("Köln");
    expect(gazetteer.nearestPostcode({ lat: 48.137, lon: 11.575 })?.state).toBe("BY");
  });

  it("answers nothing outside Germany", () => {
    expect(gazetteer.nearestPostcode({ lat: 48.85, lon: 2.35 })).toBeUndefined();
  });
});
