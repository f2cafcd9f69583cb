/**
 * How long a contact request is kept after it was closed (done, declined or withdrawn). The consent
 * text quotes it and the adapters' housekeeping enforces it.
 */
export const HANDOFF_RETENTION_DAYS = 180;
