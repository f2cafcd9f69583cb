/**
 * Slack delivery and the handoff lifecycle: where each handoff's message lives, who took it over,
 * follow-up timestamps, outbox rows given up on, and an inbox for web chat users (who have no push).
 */
export const sql = `
ALTER TABLE handoffs
  ADD COLUMN slack_channel text,
  ADD COLUMN slack_ts text,
  ADD COLUMN posted_at timestamptz,
  ADD COLUMN taken_by text,
  ADD COLUMN taken_by_name text,
  ADD COLUMN closed_reason text,
  ADD COLUMN forwarded_from text,
  ADD COLUMN reminded_at timestamptz,
  ADD COLUMN expired_at timestamptz;
CREATE INDEX handoffs_slack_message_idx ON handoffs (slack_channel, slack_ts);
CREATE INDEX handoffs_open_posted_idx ON handoffs (posted_at) WHERE state = 'open';

-- maybe_sent: an earlier attempt may have reached Slack (5xx, network error, or a crash mid-attempt),
-- so the next one looks for that post before posting again.
ALTER TABLE outbox ADD COLUMN failed_at timestamptz, ADD COLUMN maybe_sent boolean NOT NULL DEFAULT false;

CREATE TABLE requester_messages (
  id bigserial PRIMARY KEY,
  channel text NOT NULL,
  channel_user_id text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX requester_messages_pending_idx ON requester_messages (channel, channel_user_id, id)
  WHERE delivered_at IS NULL;
`;
