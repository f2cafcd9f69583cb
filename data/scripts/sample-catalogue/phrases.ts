import type { FocusArea } from "../../../core/focus.js";

export interface Bilingual {
  de: string;
  en: string;
}

/** Who a project is for, from its age range, in German (nominative, dative) and English. */
export interface Who {
  de: string;
  deDat: string;
  en: string;
}

export function who(ageMin: number, ageMax: number): Who {
  if (ageMax < 12) return { de: "Kinder", deDat: "Kindern", en: "children" };
  if (ageMin >= 14 && ageMax >= 21)
    return { de: "junge Menschen", deDat: "jungen Menschen", en: "young people" };
  if (ageMin >= 12) return { de: "Jugendliche", deDat: "Jugendlichen", en: "teenagers" };
  return { de: "Kinder und Jugendliche", deDat: "Kindern und Jugendlichen", en: "children and young people" };
}

export interface Ctx {
  label: string;
  a: number;
  b: number;
  w: Who;
}

type Short = (c: Ctx) => Bilingual;

/** One-sentence summaries per focus (the project's primary focus). */
export const SHORT: Record<FocusArea, Short[]> = {
  reading: [
    ({ label, a, b }) => ({
      de: `Ehrenamtliche Lesepatinnen und Lesepaten lesen jede Woche mit Kindern von ${a} bis ${b} Jahren in ${label} und wecken Freude an Büchern.`,
      en: `Volunteer reading mentors read with children aged ${a} to ${b} in ${label} every week and spark a love of books.`,
    }),
    ({ label, a, b }) => ({
      de: `Vorlesen, Erzählen und Sprachspiele: Patinnen und Paten fördern die Sprache von Kindern (${a}–${b} Jahre) in ${label}.`,
      en: `Reading aloud, storytelling and language games: mentors support the language skills of children (aged ${a}–${b}) in ${label}.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Lesetandems für ${w.de} von ${a} bis ${b} Jahren in ${label} – in der Bibliothek, in der Schule oder zu Hause.`,
      en: `Reading tandems for ${w.en} aged ${a} to ${b} in ${label} – at the library, at school or at home.`,
    }),
  ],
  school: [
    ({ label, a, b, w }) => ({
      de: `Lernpatinnen und Lernpaten begleiten ${w.de} von ${a} bis ${b} Jahren in ${label} bei den Hausaufgaben und durch den Schulalltag.`,
      en: `Learning mentors support ${w.en} aged ${a} to ${b} in ${label} with homework and everyday school life.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Ehrenamtliche helfen ${w.deDat} (${a}–${b} Jahre) in ${label}, ihren Weg durch die Schule zu finden und einen guten Abschluss zu schaffen.`,
      en: `Volunteers help ${w.en} (aged ${a}–${b}) in ${label} find their way through school and gain good qualifications.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Wöchentliche Lerntandems in ${label} stärken ${w.de} von ${a} bis ${b} Jahren in Deutsch, Mathe und beim Lernen.`,
      en: `Weekly learning tandems in ${label} strengthen ${w.en} aged ${a} to ${b} in German, maths and study skills.`,
    }),
  ],
  work: [
    ({ label, a, b }) => ({
      de: `Mentorinnen und Mentoren begleiten junge Menschen von ${a} bis ${b} Jahren in ${label} bei Berufsorientierung, Bewerbung und Ausbildung.`,
      en: `Mentors accompany young people aged ${a} to ${b} in ${label} through career orientation, applications and vocational training.`,
    }),
    ({ label, a, b }) => ({
      de: `Berufserfahrene Ehrenamtliche unterstützen junge Menschen (${a}–${b} Jahre) in ${label} beim Übergang von der Schule in den Beruf.`,
      en: `Volunteers with work experience support young people (aged ${a}–${b}) in ${label} in the transition from school to work.`,
    }),
    ({ label, a, b }) => ({
      de: `Ausbildungspatenschaften in ${label}: Praktikum finden, Bewerbung schreiben, die Ausbildung durchhalten – für junge Menschen von ${a} bis ${b} Jahren.`,
      en: `Apprenticeship mentoring in ${label}: finding an internship, writing applications, staying the course – for young people aged ${a} to ${b}.`,
    }),
  ],
  arriving: [
    ({ label, a, b }) => ({
      de: `Patinnen und Paten helfen neu zugewanderten Familien und ihren Kindern (${a}–${b} Jahre) in ${label}, sich zurechtzufinden.`,
      en: `Mentors help newly arrived families and their children (aged ${a}–${b}) in ${label} find their way around.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Willkommenspatenschaften in ${label}: Behördengänge, Kita, Schule und Nachbarschaft – gemeinsam mit ${w.deDat} von ${a} bis ${b} Jahren.`,
      en: `Welcome mentoring in ${label}: offices, daycare, school and the neighbourhood – together with ${w.en} aged ${a} to ${b}.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Ehrenamtliche begleiten geflüchtete und neu zugewanderte ${w.de} von ${a} bis ${b} Jahren in ${label} durch die ersten Monate.`,
      en: `Volunteers accompany refugee and newly arrived ${w.en} aged ${a} to ${b} in ${label} through their first months.`,
    }),
  ],
  leisure: [
    ({ label, a, b, w }) => ({
      de: `Gemeinsam Sport treiben, Museen entdecken, Ausflüge machen: Freizeitpatenschaften für ${w.de} von ${a} bis ${b} Jahren in ${label}.`,
      en: `Doing sport, exploring museums, going on trips: leisure mentoring for ${w.en} aged ${a} to ${b} in ${label}.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Patinnen und Paten schenken ${w.deDat} (${a}–${b} Jahre) in ${label} Zeit für gemeinsame Freizeit und neue Erfahrungen.`,
      en: `Mentors give ${w.en} (aged ${a}–${b}) in ${label} time for shared leisure and new experiences.`,
    }),
  ],
  mentoring: [
    ({ label, a, b, w }) => ({
      de: `Eine Patin oder ein Pate begleitet einen jungen Menschen aus einer zugewanderten Familie in ${label} ein Jahr lang – für ${w.de} von ${a} bis ${b} Jahren.`,
      en: `A volunteer mentor accompanies a young person from an immigrant family in ${label} for a year – for ${w.en} aged ${a} to ${b}.`,
    }),
    ({ label, a, b, w }) => ({
      de: `Verlässliche Eins-zu-eins-Patenschaften in ${label} stärken ${w.de} von ${a} bis ${b} Jahren auf ihrem Bildungsweg.`,
      en: `Reliable one-to-one mentoring in ${label} supports ${w.en} aged ${a} to ${b} on their educational path.`,
    }),
  ],
};

/** Detail sentences per focus for the long description. */
export const DETAIL: Record<FocusArea, ((label: string) => Bilingual)[]> = {
  reading: [
    () => ({
      de: "Im Mittelpunkt stehen Vorlesen, gemeinsames Lesen und Gespräche über Bücher, die Wortschatz und Lesekompetenz stärken.",
      en: "The focus is on reading aloud, reading together and talking about books to build vocabulary and reading skills.",
    }),
    () => ({
      de: "Die Tandems treffen sich in der Stadtteilbibliothek oder in der Schule und lesen Schritt für Schritt sicherer.",
      en: "The tandems meet at the local library or at school and build reading confidence step by step.",
    }),
  ],
  school: [
    () => ({
      de: "Die Patinnen und Paten helfen bei den Hausaufgaben, bereiten auf Klassenarbeiten vor und halten Kontakt zu Eltern und Lehrkräften.",
      en: "Mentors help with homework, prepare for tests and keep in touch with parents and teachers.",
    }),
    () => ({
      de: "Ziel ist, dass jedes Patenkind seine Stärken entdeckt und einen guten Schulabschluss erreicht.",
      en: "The aim is that every mentee discovers their strengths and gains a good school qualification.",
    }),
  ],
  work: [
    () => ({
      de: "Gemeinsam werden Stärken entdeckt, Praktika gesucht, Bewerbungen geschrieben und Vorstellungsgespräche geübt.",
      en: "Together they discover strengths, look for internships, write applications and practise job interviews.",
    }),
    () => ({
      de: "Die Begleitung reicht bis in die ersten Monate der Ausbildung, damit niemand allein abbricht.",
      en: "The support continues into the first months of training so that nobody drops out alone.",
    }),
  ],
  arriving: [
    () => ({
      de: "Die Ehrenamtlichen begleiten bei Behördengängen, erklären Kita und Schule und öffnen Türen in die Nachbarschaft.",
      en: "Volunteers go along to appointments, explain daycare and school and open doors to the neighbourhood.",
    }),
  ],
  leisure: [
    (label) => ({
      de: `Gemeinsame Ausflüge, Sport und Kultur schaffen Vertrauen und machen ${label} zu einem neuen Zuhause.`,
      en: `Shared trips, sport and culture build trust and help make ${label} a new home.`,
    }),
  ],
  mentoring: [
    () => ({
      de: "Jedes Tandem trifft sich regelmäßig, mindestens ein Jahr lang, und wird von einer hauptamtlichen Koordination begleitet.",
      en: "Each tandem meets regularly for at least a year and is supported by a professional coordinator.",
    }),
  ],
};

export const INTROS: ((name: string, org: string, label: string, year: number, w: Who) => Bilingual)[] = [
  (name, org, _label, _year, w) => ({
    de: `Das Projekt „${name}“ (Träger: ${org}) bringt ehrenamtliche Patinnen und Paten mit ${w.deDat} aus zugewanderten Familien zusammen.`,
    en: `The project "${name}" (run by ${org}) brings volunteer mentors together with ${w.en} from immigrant families.`,
  }),
  (_name, org, label, _year, w) => ({
    de: `Der Träger ${org} organisiert in ${label} Patenschaften für ${w.de} mit Migrationsgeschichte.`,
    en: `The organisation ${org} runs mentoring for ${w.en} with a migration background in ${label}.`,
  }),
  (name, _org, label, year, w) => ({
    de: `Seit ${year} begleiten Ehrenamtliche bei „${name}“ ${w.de} mit Zuwanderungsgeschichte in ${label}.`,
    en: `Since ${year}, volunteers at "${name}" have been accompanying ${w.en} with a migration background in ${label}.`,
  }),
];

export function volunteerSentence(wanted: boolean, hours: number | undefined): Bilingual {
  if (!wanted) {
    return {
      de: "Neue Ehrenamtliche werden derzeit nicht gesucht; Familien können sich gern melden.",
      en: "The project is not looking for new volunteers at the moment; families are welcome to get in touch.",
    };
  }
  const h = hours ?? 2;
  return {
    de: `Gesucht werden neue Patinnen und Paten mit etwa ${h} ${h === 1 ? "Stunde" : "Stunden"} Zeit pro Woche; ein erweitertes Führungszeugnis ist nötig.`,
    en: `New volunteer mentors with about ${h} ${h === 1 ? "hour" : "hours"} a week are welcome; an extended certificate of conduct is required.`,
  };
}

export const PARENTS: Bilingual = {
  de: "Eltern werden einbezogen, zum Beispiel bei gemeinsamen Familiennachmittagen.",
  en: "Parents are involved, for example at family afternoons.",
};
