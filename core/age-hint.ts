import { MAX_AGE } from "./age-limit.js";

// "8 Jahre", "8-jährig", "8 J.", "8 years", "8-year-old", "8yo", "8 y/o".
const NUMBER_THEN_UNIT =
  /(?<!\d)(\d{1,2})\s*-?\s*(?:jahren?\b|jahre?\b|j[äa]e?hrig|j\.|years?\b|yrs?\b|yo\b|y\/o\b)/iu;
// "my son is 12", "ist 12", "turns 9", "age: 9", "Alter 9", "he's 10"; not "ist 10 km".
const VERB_THEN_NUMBER =
  /(?:\bis|\bist|\bwird|\bturns?|\baged?|\balter|'s|\bi\s+am|\bi'm|\bbin)\s*:?\s*(\d{1,2})(?!\d)(?!\s*(?:km|kilomet|m\b|€|euro|eur\b|uhr|%|[.,]\d|\.\s*(?:jan|feb|m[äa]r|apr|mai|may|jun|jul|aug|sep|o[ck]t|nov|de[cz])))/iu;

/**
 * Reads a child's age from free text ("8 Jahre", "8 years", "my son is 12"). Expects ASCII
 * digits (the caller normalises other scripts' digits first); undefined when no plausible age.
 */
export function ageHintFromText(text: string): number | undefined {
  const match = NUMBER_THEN_UNIT.exec(text) ?? VERB_THEN_NUMBER.exec(text);
  if (!match?.[1]) return undefined;
  const age = Number(match[1]);
  // A larger number is not a child's age (it is the writer's, or no age).
  return age <= MAX_AGE ? age : undefined;
}
