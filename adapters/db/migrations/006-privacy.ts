/**
 * Privacy and abuse limits: who did what to a handoff in Slack (audit, deleted with the handoff),
 * server secrets generated on first start (the key that signs web visitor ids), and per-address
 * counters of new web visitors (a keyed hash of the address, never the address; kept an hour).
 */
export const sql = `
CREATE TABLE handoff_actions (
  id bigserial PRIMARY KEY,
  handoff_id text NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
  action text NOT NULL,
  slack_user_id text NOT NULL,
  -- applied, or why it was refused: not_member, stale, not_allowed
  outcome text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX handoff_actions_handoff_idx ON handoff_actions (handoff_id, id);

CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE new_visitor_counts (
  client_key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (client_key, window_start)
);
CREATE INDEX new_visitor_counts_window_idx ON new_visitor_counts (window_start);
`;
