/** Characters a phone number may be typed with. */
const PHONE_CHARS = /^\+?[\d\s()/.-]+$/;
const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 20;
/** A sane email: something, @, a domain with a dot and a top-level part of two letters or more. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** A phone number cleaned for the coordinator, or undefined when it is not one. */
export function validPhone(text: string): string | undefined {
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (!PHONE_CHARS.test(trimmed)) return undefined;
  if (trimmed.indexOf("+") > 0) return undefined;
  const digits = trimmed.replace(/\D/g, "").length;
  return digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS ? trimmed : undefined;
}

/** An email address as typed (trimmed), or undefined when it is not one. */
export function validEmail(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length <= 200 && EMAIL.test(trimmed) ? trimmed : undefined;
}
