import { MAX_AGE } from "./age-limit.js";
import { type LanguageTables, matchesStart, phraseAt } from "./language-tables.js";

/** Age of a child in the first school year: year 3 → 8. */
const FIRST_SCHOOL_YEAR_AGE = 6;
/** Units of measure after which a number is no age ("ist 10 km", "3 h"); the same in every language. */
const MEASURES = new Set(["km", "m", "h", "min", "eur", "euro", "kg", "cm", "uhr", "pm", "am"]);

/** A number in the message: its value, where it stands (first and last word), and whether it was a word. */
interface NumberAt {
  value: number;
  start: number;
  end: number;
  /** The number and its unit are one word ("achtjährige"): an age by itself. */
  glued?: boolean;
}

/** "achtjährige", "zwölfjährig": a number word and an age unit glued together, in compounding languages. */
function gluedAge(word: string, languages: readonly LanguageTables[]): number | undefined {
  for (const l of languages) {
    if (!l.compounds || word.length < 6) continue;
    for (const [number, value] of l.numbers) {
      if (
        word.length > number.length + 2 &&
        word.startsWith(number) &&
        isUnit(word.slice(number.length), [l])
      )
        return value;
    }
  }
  return undefined;
}

/** Digits and number words ("zwölf", "on beş", "ዓሰርተ ሓደ", "kow iyo toban") with their positions. */
function numbersIn(words: readonly string[], languages: readonly LanguageTables[]): NumberAt[] {
  const found: NumberAt[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i] ?? "";
    if (/^\d{1,2}$/.test(w)) {
      found.push({ value: Number(w), start: i, end: i });
      i++;
      continue;
    }
    const hit = numberWordAt(words, i, languages);
    if (!hit) {
      const glued = gluedAge(w, languages);
      if (glued !== undefined) found.push({ value: glued, start: i, end: i, glued: true });
      i++;
      continue;
    }
    // "yirmi bir", "twenty one", "ዓሰርተ ሓደ", "kow iyo toban": a ten and a unit make one number.
    let { value, end } = hit;
    const joined = languages.some((l) => l.joiners.has(words[end + 1] ?? "")) ? end + 2 : end + 1;
    const next = numberWordAt(words, joined, languages);
    if (next && ((value % 10 === 0 && next.value < 10) || (value < 10 && next.value % 10 === 0))) {
      value += next.value;
      end = next.end;
    }
    found.push({ value, start: i, end });
    i = end + 1;
  }
  return found;
}

function numberWordAt(
  words: readonly string[],
  i: number,
  languages: readonly LanguageTables[],
): { value: number; end: number } | undefined {
  for (const l of languages) {
    for (let n = Math.min(l.maxNumberWords, words.length - i); n >= 1; n--) {
      const value = l.numbers.get(words.slice(i, i + n).join(" "));
      if (value !== undefined) return { value, end: i + n - 1 };
    }
  }
  return undefined;
}

const isUnit = (w: string | undefined, languages: readonly LanguageTables[]) =>
  w !== undefined && w !== "" && languages.some((l) => matchesStart(w, l.ageUnits));

/** Whether a phrase for one's own child ends at word `end` ("Tochter", "my daughter"). */
function childEndsAt(words: readonly string[], end: number, languages: readonly LanguageTables[]): boolean {
  for (let start = Math.max(0, end - 2); start <= end; start++) {
    for (const l of languages) if (phraseAt(words, start, l.children) === end - start + 1) return true;
  }
  return false;
}

/** The age a number states, if its neighbours say so: a unit after it, an age word or a child before it. */
function statedAge(words: readonly string[], n: NumberAt, languages: readonly LanguageTables[]): boolean {
  // "3. Klasse", "Klasse 5", "в 4 класі", "کلاس سوم": a school year, not an age.
  for (const i of [n.start - 2, n.start - 1, n.end + 1, n.end + 2])
    if (isGrade(words[i], languages)) return false;
  const after = words[n.end + 1];
  if (after !== undefined && MEASURES.has(after)) return false;
  if (isUnit(after, languages)) return true;
  // "8-jährig", "9 ans", "٩ سنوات"; a joiner may stand between ("6 und 8 Jahre").
  const before = words[n.start - 1];
  const twoBefore = `${words[n.start - 2] ?? ""} ${before ?? ""}`;
  if (before !== undefined && languages.some((l) => l.ageBefore.has(before) || l.ageBefore.has(twoBefore)))
    return true;
  return childEndsAt(words, n.start - 1, languages) || childEndsAt(words, n.start - 2, languages);
}

function gradeOffset(w: string, languages: readonly LanguageTables[]): number | undefined {
  for (const l of languages) {
    const offset = l.grades.exact.get(w) ?? l.grades.prefixes.find(([p]) => w.startsWith(p))?.[1];
    if (offset !== undefined) return offset;
  }
  return undefined;
}

const isGrade = (w: string | undefined, languages: readonly LanguageTables[]) =>
  w !== undefined && w !== "" && gradeOffset(w, languages) !== undefined;

/** A school year named in the words ("3. Klasse", "grade 4", "3. sınıf", "CE2", "الصف الثالث"), as an age. */
function gradeAge(
  words: readonly string[],
  numbers: NumberAt[],
  languages: readonly LanguageTables[],
): number | undefined {
  for (let i = 0; i < words.length; i++) {
    const offset = gradeOffset(words[i] ?? "", languages);
    if (offset === undefined) continue;
    const near = numbers
      .filter(
        (n) => n.value >= 1 && n.value <= 13 && (Math.abs(n.start - i) <= 2 || Math.abs(n.end - i) <= 2),
      )
      .sort((a, b) => Math.abs(a.start - i) - Math.abs(b.start - i))[0];
    if (near) return near.value + offset + FIRST_SCHOOL_YEAR_AGE - 1;
  }
  return undefined;
}

/**
 * Reads a child's age from folded words ("8 Jahre", "8 yaşında", "٩ سنوات", "zwölf", "Tochter 15",
 * "my son is 12"), or from a school year as a hint ("3. Klasse" → 8). Digits of every script must
 * already be ASCII; `languages` are the tables of the languages the message may be in.
 */
export function ageInWords(
  words: readonly string[],
  languages: readonly LanguageTables[],
): number | undefined {
  const numbers = numbersIn(words, languages);
  for (const n of numbers) {
    if (n.value >= 1 && n.value <= MAX_AGE && (n.glued || statedAge(words, n, languages))) return n.value;
  }
  const fromGrade = gradeAge(words, numbers, languages);
  return fromGrade !== undefined && fromGrade <= MAX_AGE ? fromGrade : undefined;
}

/** A bare number typed as the answer to "how old is the child?" ("8", "acht", "٨ سنوات"). */
export function bareAge(words: readonly string[], languages: readonly LanguageTables[]): number | undefined {
  const numbers = numbersIn(words, languages);
  const [only] = numbers;
  if (!only || numbers.length > 1) return undefined;
  const rest = words.filter((w, i) => (i < only.start || i > only.end) && !isUnit(w, languages));
  return rest.length <= 1 && only.value >= 0 && only.value <= MAX_AGE ? only.value : undefined;
}
