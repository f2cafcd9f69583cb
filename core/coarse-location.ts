/**
 * A shared location is stored only to about 100 m: three decimals are 111 m of latitude and 70 m
 * of longitude in Germany. Enough to rank projects by distance, too coarse to find a front door.
 * The exact point is used for the turn it arrives in (the nearest postcode) and then dropped.
 */
export const STORED_DECIMALS = 3;

const FACTOR = 10 ** STORED_DECIMALS;

/** The point as it may be stored. */
export function coarseLocation(p: { lat: number; lon: number }): { lat: number; lon: number } {
  return { lat: Math.round(p.lat * FACTOR) / FACTOR, lon: Math.round(p.lon * FACTOR) / FACTOR };
}
