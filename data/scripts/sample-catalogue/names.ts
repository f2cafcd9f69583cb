import type { FocusArea } from "../../../core/focus.js";
import type { Rng } from "./prng.js";
import { ASSOCIATION_WORDS, SAINTS } from "./words.js";

type Template = (label: string) => string;

/** Project name patterns per focus; `label` is a district ("Ehrenfeld"), "City-District" or the place. */
const PROJECT_NAMES: Record<FocusArea, Template[]> = {
  reading: [
    (l) => `Lesepaten ${l}`,
    (l) => `Vorlesepaten ${l}`,
    (l) => `Lesefüchse ${l}`,
    (l) => `Leseclub ${l}`,
    (l) => `Bücherbrücke ${l}`,
    (l) => `Lesezeit – Patenschaften in ${l}`,
    (l) => `Sprachpaten ${l}`,
    (l) => `Wortschatz-Paten ${l}`,
  ],
  school: [
    (l) => `Lernpaten ${l}`,
    (l) => `Hausaufgabenpaten ${l}`,
    (l) => `Bildungspaten ${l}`,
    (l) => `Lernbrücke ${l}`,
    (l) => `Schulstart-Paten ${l}`,
    (l) => `Lerntandems ${l}`,
    (l) => `Bildungspatenschaften ${l}`,
  ],
  work: [
    (l) => `Mentoring für Ausbildung ${l}`,
    (l) => `Ausbildungspaten ${l}`,
    (l) => `Berufspaten ${l}`,
    (l) => `Jobpaten ${l}`,
    (l) => `Startklar für den Beruf – ${l}`,
    (l) => `Übergangsmentoring Schule–Beruf ${l}`,
    (l) => `Berufsstart-Tandems ${l}`,
  ],
  arriving: [
    (l) => `Brückenbauer ${l}`,
    (l) => `Willkommenspaten ${l}`,
    (l) => `Ankommenspaten ${l}`,
    (l) => `Familienpaten ${l}`,
    (l) => `Kulturlotsen ${l}`,
    (l) => `Neu in ${l} – Patenschaften für junge Zugewanderte`,
  ],
  leisure: [
    (l) => `Freizeitpaten ${l}`,
    (l) => `Gemeinsam aktiv ${l}`,
    (l) => `Zusammen unterwegs ${l}`,
    (l) => `Sport- und Freizeitpaten ${l}`,
    (l) => `Entdeckertandems ${l}`,
  ],
  mentoring: [
    (l) => `Patenschaften für Kinder – ${l}`,
    (l) => `Mentoring ${l}`,
    (l) => `Zeitspender ${l}`,
    (l) => `Starke Tandems ${l}`,
    (l) => `Patenschaftsprojekt ${l}`,
    (l) => `Große für Kleine ${l}`,
  ],
};

export function projectName(focus: FocusArea, label: string, rng: Rng): string {
  return rng.pick(PROJECT_NAMES[focus])(label);
}

export interface Organisation {
  name: string;
  /** Languages the organisation's people are likely to speak (besides German). */
  languages: string[];
}

type OrgTemplate = readonly [(place: string, rng: Rng, city: boolean) => string, number, string[]];

const ORGANISATIONS: OrgTemplate[] = [
  [(p) => `Diakonisches Werk ${p} e.V.`, 10, []],
  [(p, _r, city) => (city ? `Caritasverband für die Stadt ${p} e.V.` : `Caritasverband ${p} e.V.`), 10, []],
  [(p) => `AWO Kreisverband ${p} e.V.`, 9, []],
  [(p) => `Deutsches Rotes Kreuz Ortsverein ${p} e.V.`, 7, []],
  [(p) => `Kinderschutzbund Ortsverband ${p} e.V.`, 7, []],
  [(p) => `Bürgerstiftung ${p}`, 7, []],
  [(p) => `Freiwilligenagentur ${p}`, 8, []],
  [(p) => `Türkisch-Deutscher Elternverein ${p} e.V.`, 5, ["tr"]],
  [(p) => `Deutsch-Arabischer Kulturverein ${p} e.V.`, 4, ["ar"]],
  [(p) => `Russischsprachiger Elternverein ${p} e.V.`, 2, ["ru"]],
  [(p) => `Ukrainisch-Deutscher Familienverein ${p} e.V.`, 2, ["uk"]],
  [(p) => `Deutsch-Polnische Gesellschaft ${p} e.V.`, 2, ["pl"]],
  [(p, r) => `Migrantenorganisation ${r.pick(ASSOCIATION_WORDS)} ${p} e.V.`, 6, []],
  [(p, r) => `Verein ${r.pick(ASSOCIATION_WORDS)} – Integration und Bildung ${p} e.V.`, 4, []],
  [(p) => `Förderverein der Stadtbibliothek ${p} e.V.`, 3, []],
  [(p) => `Jugendmigrationsdienst ${p}`, 4, []],
  [(p) => `Mehrgenerationenhaus ${p}`, 4, []],
  [(p) => `Nachbarschaftshilfe ${p} e.V.`, 4, []],
  [(p) => `Evangelische Kirchengemeinde ${p}`, 3, []],
  [(p, r) => `Katholische Pfarrgemeinde St. ${r.pick(SAINTS)} ${p}`, 3, []],
  [(p) => `Bildungswerk ${p} e.V.`, 3, []],
  [(p) => `Elternnetzwerk ${p} e.V.`, 3, []],
];

export function organisation(place: string, city: boolean, rng: Rng): Organisation {
  const [make, , languages] = rng.weighted(ORGANISATIONS.map((t) => [t, t[1]] as const));
  return { name: make(place, rng, city), languages };
}
