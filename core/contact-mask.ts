/**
 * Hides phone numbers and email addresses in chat text relayed between a requester and a
 * coordinator, so neither side learns the other's contact details through the relay.
 */
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi;
/** Starts with + or 0, then digits with spaces, slashes, dashes or brackets; 7+ digits in all. */
const PHONE = /(?:\+|\b0)[\d\s/()-]{5,}\d/g;

export interface MaskedText {
  text: string;
  /** True when something was replaced. */
  masked: boolean;
}

/** Replaces every email address and phone number in `text` with `placeholder`. */
export function maskContactDetails(text: string, placeholder = "[…]"): MaskedText {
  let masked = false;
  const out = text
    .replace(EMAIL, () => {
      masked = true;
      return placeholder;
    })
    .replace(PHONE, (m) => {
      if ((m.match(/\d/g) ?? []).length < 7) return m;
      masked = true;
      return placeholder;
    });
  return { text: out, masked };
}
