import { STATES, type State } from "../../../core/state.js";

/** Splits `count` over the Länder by share (largest remainder), so the quotas always add up to `count`. */
export function stateQuotas(shares: Record<State, number>, count: number): Record<State, number> {
  const total = STATES.reduce((sum, s) => sum + shares[s], 0);
  const exact = STATES.map((s) => ({ state: s, value: (shares[s] / total) * count }));
  const quotas = Object.fromEntries(exact.map((e) => [e.state, Math.floor(e.value)])) as Record<
    State,
    number
  >;
  let left = count - exact.reduce((sum, e) => sum + Math.floor(e.value), 0);
  const byRemainder = [...exact].sort(
    (a, b) =>
      b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) ||
      STATES.indexOf(a.state) - STATES.indexOf(b.state),
  );
  for (const e of byRemainder) {
    if (left <= 0) break;
    quotas[e.state] += 1;
    left -= 1;
  }
  return quotas;
}
