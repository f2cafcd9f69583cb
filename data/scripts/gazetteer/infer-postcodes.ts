import type { State } from "../../../core/state.js";
import { type KnownPoint, NumericNeighbours } from "./numeric-neighbours.js";

/** How many numeric neighbours an inferred postcode's position is taken from (see evaluate-gazetteer.ts). */
export const INFER_NEIGHBOURS = 4;

/**
 * Places each postcode without a matched name at the coordinate-wise median of its nearest matched
 * numeric neighbours (same 3-digit area, else 2-digit region, else zone), and gives it the Land most
 * of those neighbours are in (the numerically nearest one breaks a tie).
 */
export function inferPostcodes(unmatched: string[], matched: Iterable<KnownPoint>): Map<string, KnownPoint> {
  const neighbours = new NumericNeighbours(matched);
  const inferred = new Map<string, KnownPoint>();
  for (const postcode of unmatched) {
    const guess = inferOne(neighbours, postcode);
    if (guess) inferred.set(postcode, guess);
  }
  return inferred;
}

/** One postcode's inferred point, or undefined when no neighbour is known at all. */
export function inferOne(neighbours: NumericNeighbours, postcode: string): KnownPoint | undefined {
  const ev = neighbours.evidence(postcode, INFER_NEIGHBOURS);
  if (!ev) return undefined;
  return { postcode, ...ev.point, state: majorityState(ev.neighbours) };
}

function majorityState(points: KnownPoint[]): State {
  const votes = new Map<State, number>();
  for (const p of points) votes.set(p.state, (votes.get(p.state) ?? 0) + 1);
  let best = points[0]?.state ?? "BE";
  for (const [state, n] of votes) if (n > (votes.get(best) ?? 0)) best = state;
  return best;
}
