/**
 * Intl formatters kept per locale and option set. Creating one costs tens of microseconds (it
 * resolves locale data); formatting with a kept one costs well under one, and a turn formats many
 * numbers, distances and lists. A formatter the runtime cannot build (a locale without unit or
 * list data) is remembered as `undefined`, so the fallback is chosen without throwing again.
 */
const kept = new Map<string, unknown>();

function keep<T>(key: string, create: () => T): T | undefined {
  if (kept.has(key)) return kept.get(key) as T | undefined;
  let made: T | undefined;
  try {
    made = create();
  } catch {
    made = undefined;
  }
  kept.set(key, made);
  return made;
}

export function numberFormat(
  tag: string,
  name: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat | undefined {
  return keep(`n|${tag}|${name}`, () => new Intl.NumberFormat(tag, options));
}

export function dateTimeFormat(
  tag: string,
  name: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat | undefined {
  return keep(`d|${tag}|${name}`, () => new Intl.DateTimeFormat(tag, options));
}

export function listFormat(
  tag: string,
  name: string,
  options: Intl.ListFormatOptions,
): Intl.ListFormat | undefined {
  return keep(`l|${tag}|${name}`, () => new Intl.ListFormat(tag, options));
}

export function displayNames(
  tag: string,
  name: string,
  options: Intl.DisplayNamesOptions,
): Intl.DisplayNames | undefined {
  return keep(`dn|${tag}|${name}`, () => new Intl.DisplayNames([tag], options));
}
