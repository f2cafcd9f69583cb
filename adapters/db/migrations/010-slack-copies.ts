/**
 * What the app put into Slack about each request, so deleting a family's data can reach it there
 * too: every handoff message (the one in the project's channel, and the old one after a forward)
 * and every family message relayed into a thread, by channel and ts. A handoff message is redacted
 * and a relayed message deleted through the outbox; `erased_at` records that it was.
 *
 * And a coordinator's proposal to forward a request, which waits for the family's yes (asked with
 * buttons, also in the web chat's inbox).
 */
export const sql = `
CREATE TABLE slack_posts (
  id bigserial PRIMARY KEY,
  handoff_id text NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
  channel text NOT NULL,
  ts text NOT NULL,
  -- handoff: the request's own message (redacted); relay: a family's message in its thread (deleted)
  kind text NOT NULL CHECK (kind IN ('handoff', 'relay')),
  posted_at timestamptz NOT NULL,
  erased_at timestamptz,
  UNIQUE (channel, ts)
);
CREATE INDEX slack_posts_handoff_idx ON slack_posts (handoff_id);
INSERT INTO slack_posts (handoff_id, channel, ts, kind, posted_at)
  SELECT id, slack_channel, slack_ts, 'handoff', COALESCE(posted_at, updated_at)
  FROM handoffs WHERE slack_channel IS NOT NULL AND slack_ts IS NOT NULL;

-- A requester's message may carry buttons (the requester's answer to a forward proposal).
ALTER TABLE requester_messages ADD COLUMN choices jsonb;

ALTER TABLE handoffs
  ADD COLUMN proposed_project_id text,
  ADD COLUMN proposed_by text,
  ADD COLUMN proposed_at timestamptz;
`;
