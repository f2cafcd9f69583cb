import * as z from "zod";
import { FOCUS_AREAS, type FocusArea } from "./focus.js";

const words = z.array(z.string().min(1)).default([]);

/** The bot's commands; besides "/delete" people type them in words ("meine Daten löschen", "verilerimi sil"). */
export const COMMANDS = ["start", "help", "language", "restart", "mydata", "delete"] as const;
export type CommandName = (typeof COMMANDS)[number];

/**
 * What the bot needs to understand one language, as kept by translators in
 * `locales/understanding/<code>.json`. Words are written as people type them; they are folded
 * (lower case, no diacritics) when compiled. Several words in one entry form a phrase.
 */
export const LanguageDataSchema = z.object({
  /** Words and phrases for each focus area. */
  needs: z.object(Object.fromEntries(FOCUS_AREAS.map((f) => [f, words])) as Record<FocusArea, typeof words>),
  /** Whether the language glues words into compounds ("Mathenachhilfe"); only then are words split. */
  compounds: z.boolean().default(false),
  /** Words that must never be read as a need, not even as a typo of one ("Deutschland", "germany"). */
  notNeeds: words,
  /** Number words (cardinals up to 20 and beyond where they are one word, ordinals for school grades). */
  numbers: z.record(z.string(), z.number().int().min(0).max(99)).default({}),
  /** Words between two number words that add them ("zwanzig und eins", "kow iyo toban"). */
  joiners: words,
  /** Words after a number that make it an age ("Jahre", "yaşında"); three letters or more match as a word start. */
  ageUnits: words,
  /** Words (one or two) right before a number that make it an age ("ist", "i am", "عمره", "мне"). */
  ageBefore: words,
  /** Words for one's own child ("Tochter", "ابني"): a number right after them is an age, and they mark a family. */
  children: words,
  /** Words for a school grade, with what to add to the number for the school year ("CE" + 2 → year 3). */
  grades: z.record(z.string(), z.number().int().min(0).max(12)).default({}),
  /** Words before a place name ("in", "в", "ኣብ"): evidence that the next word is a place. */
  prepositions: words,
  /** Case endings to try removing from a place name ("Лейпцигу" → "Лейпциг"), longest first. */
  placeSuffixes: words,
  /** Place names in this language, and inflected forms, with the German name they stand for. */
  places: z.record(z.string(), z.string()).default({}),
  /** Everyday words that are also place names ("Essen", "الم", "leer"): a place only after a preposition. */
  falseFriends: words,
  /** Phrases of someone who wants to volunteer; each word matches as a word start ("волонтер" → "волонтеркою"). */
  volunteer: words,
  /** Frequent words of this language that tell it from the others in short messages. */
  cues: words,
  /** Latin-script words of a language written in another script ("arabizi", "finglish"). */
  latinCues: words,
  /**
   * What people type, as the whole message, to run a command ("meine Daten löschen" → delete,
   * "yardım" → help); never a word that is also a need or an answer.
   */
  commands: z
    .object(Object.fromEntries(COMMANDS.map((c) => [c, words])) as Record<CommandName, typeof words>)
    .prefault({}),
});
export type LanguageData = z.infer<typeof LanguageDataSchema>;
