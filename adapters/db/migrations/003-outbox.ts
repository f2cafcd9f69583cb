/**
 * Messages to send to Slack or Telegram, written in the same transaction as the change that
 * caused them and drained by a dispatcher (FOR UPDATE SKIP LOCKED), so each is sent exactly once.
 */
export const sql = `
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  sent_at timestamptz,
  handoff_id text
);
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_handoff_idx ON outbox (handoff_id);
`;
