/**
 * The web chat's memory: what each visitor was shown (with its buttons) so a reload or a return
 * restores the conversation, and the visitor's Web Push subscription for coordinators' replies.
 * Both go with the visitor's session (expiry, /delete).
 */
export const sql = `
CREATE TABLE web_transcript (
  id bigserial PRIMARY KEY,
  visitor_id text NOT NULL,
  entry jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX web_transcript_visitor_idx ON web_transcript (visitor_id, id);

CREATE TABLE web_push_subscriptions (
  visitor_id text PRIMARY KEY,
  endpoint text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  language text NOT NULL,
  created_at timestamptz NOT NULL
);
`;
