/** Rounds a coordinate to 4 decimals (about 11 m), plenty for a postcode centroid and compact in JSON. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
