import type { NewHandoff } from "../../core/handoff.js";
import type { Project } from "../../core/project.js";

/** A project with every optional field set, so round trips can prove nothing is lost. */
export function fullProject(overrides: Partial<Project> = {}): Project {
  return {
    id: "lesepaten-koeln",
    name: "Lesepaten Köln",
    organisation: "Beispiel e.V.",
    shortDescription: "Ehrenamtliche lesen mit Kindern.",
    description: "Einmal pro Woche treffen sich Tandems zum Lesen – „mit Umlauten“ und Emoji 📚.",
    shortDescriptionEn: "Volunteers read with children.",
    descriptionEn: "Tandems meet weekly to read.",
    focus: ["reading", "school"],
    ageMin: 6,
    ageMax: 12,
    audiences: ["children", "refugees"],
    languages: ["de", "ar", "prs"],
    volunteers: { wanted: true, hoursPerWeek: 1.5, certificateOfConduct: true, notes: "Mo–Fr nachmittags" },
    address: "Musterstraße 1",
    postcode: "50667",
    place: "Köln",
    state: "NW",
    lat: 50.9375123,
    lon: 6.9602786,
    contact: { email: "info@example.org", phone: "+49 30 123456", website: "https://example.org/lesen" },
    slackChannelId: "C0123ABCD",
    updatedAt: "2024-05-01T10:00:00+02:00",
    ...overrides,
  };
}

/** A minimal project (optional fields absent), numbered for bulk tests. */
export function minimalProject(i: number): Project {
  return {
    id: `p-${String(i).padStart(4, "0")}`,
    name: `Projekt ${i}`,
    organisation: "Träger",
    shortDescription: "Kurz",
    description: "",
    focus: ["work"],
    ageMin: 14,
    ageMax: 27,
    audiences: [],
    languages: ["de"],
    volunteers: { wanted: false, certificateOfConduct: false },
    postcode: "10115",
    place: "Berlin",
    state: "BE",
    lat: 52.53 + i / 10_000,
    lon: 13.38,
    contact: {},
    updatedAt: "2024-01-01T00:00:00Z",
  };
}

export function newHandoff(overrides: Partial<NewHandoff> = {}): NewHandoff {
  return {
    id: "h-1",
    kind: "family",
    projectId: "lesepaten-koeln",
    channel: "web",
    channelUserId: "u-1",
    language: "ar",
    ageBand: "6-9",
    focus: ["reading"],
    distanceKm: 1.8,
    contactMethod: "phone",
    contactValue: "+49 30 123456",
    message: "Mein Sohn möchte lesen üben.",
    consentAt: "2024-05-01T08:00:00.000Z",
    createdAt: "2024-05-01T08:00:00.000Z",
    ...overrides,
  };
}
