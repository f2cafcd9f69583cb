import type { Queryable } from "./database.js";

/** A browser's push subscription as the Push API gives it (endpoint and the keys to encrypt for it). */
export interface StoredPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  language: string;
}

/** Keeps one subscription per visitor (a newer one replaces the older). */
export async function savePushSubscription(
  q: Queryable,
  visitorId: string,
  sub: StoredPushSubscription,
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO web_push_subscriptions (visitor_id, endpoint, p256dh, auth, language, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (visitor_id) DO UPDATE SET endpoint = $2, p256dh = $3, auth = $4, language = $5, created_at = $6`,
    [visitorId, sub.endpoint, sub.keys.p256dh, sub.keys.auth, sub.language, now.toISOString()],
  );
}

export async function getPushSubscription(
  q: Queryable,
  visitorId: string,
): Promise<StoredPushSubscription | undefined> {
  const rows = await q.query<{ endpoint: string; p256dh: string; auth: string; language: string }>(
    "SELECT endpoint, p256dh, auth, language FROM web_push_subscriptions WHERE visitor_id = $1",
    [visitorId],
  );
  const r = rows[0];
  return r
    ? { endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth }, language: r.language }
    : undefined;
}

/** Forgets a visitor's subscription (/delete, expiry, or the push service said it is gone). */
export async function deletePushSubscription(q: Queryable, visitorId: string): Promise<void> {
  await q.query("DELETE FROM web_push_subscriptions WHERE visitor_id = $1", [visitorId]);
}

/** Deletes subscriptions whose web session is gone; returns how many went. */
export async function purgeOrphanPushSubscriptions(q: Queryable): Promise<number> {
  const rows = await q.query(
    `DELETE FROM web_push_subscriptions p WHERE NOT EXISTS (
       SELECT 1 FROM sessions s WHERE s.channel = 'web' AND s.channel_user_id = p.visitor_id
     ) RETURNING 1`,
  );
  return rows.length;
}
