import type { Channel } from "../../core/handoff.js";
import type { Queryable, Statement } from "./database.js";

/** What a turn answered, kept with its update key so a retry of the same message gets it again. */
export interface StoredTurnResult {
  replies: unknown[];
  language: string;
  dir: "ltr" | "rtl";
}

/** Stores a turn's answer with its processed update (same transaction as the turn). */
export async function storeTurnResult(
  q: Queryable,
  channel: Channel,
  updateKey: string,
  result: StoredTurnResult,
): Promise<void> {
  const s = storeTurnResultStatement(channel, updateKey, result);
  await q.query(s.text, s.params);
}

/** `storeTurnResult` as a statement, e.g. for `Transaction.defer`. */
export function storeTurnResultStatement(
  channel: Channel,
  updateKey: string,
  result: StoredTurnResult,
): Statement {
  return {
    text: "UPDATE processed_updates SET result = $3::jsonb WHERE channel = $1 AND update_key = $2",
    params: [channel, updateKey, JSON.stringify(result)],
  };
}

/** The answer stored for an update, if it was kept. */
export async function loadTurnResult(
  q: Queryable,
  channel: Channel,
  updateKey: string,
): Promise<StoredTurnResult | undefined> {
  const rows = await q.query<{ result: StoredTurnResult | null }>(
    "SELECT result FROM processed_updates WHERE channel = $1 AND update_key = $2",
    [channel, updateKey],
  );
  return rows[0]?.result ?? undefined;
}

/** Whether an update was handled already (checked before the flood limit counts it). */
export async function isUpdateProcessed(q: Queryable, channel: Channel, updateKey: string): Promise<boolean> {
  const rows = await q.query("SELECT 1 FROM processed_updates WHERE channel = $1 AND update_key = $2", [
    channel,
    updateKey,
  ]);
  return rows.length > 0;
}
