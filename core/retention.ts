/**
 * How long a contact request is kept after it was closed or expired, whatever its state (the
 * lifecycle is in handoff-lifecycle.ts). The consent text quotes it and housekeeping enforces it.
 */
export const HANDOFF_RETENTION_DAYS = 180;
