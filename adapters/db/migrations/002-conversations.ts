/**
 * Conversation state: sessions per chat user, handoffs (contact requests) and the update keys
 * already processed, so a platform's duplicate delivery is answered once.
 */
export const sql = `
CREATE TABLE sessions (
  channel text NOT NULL,
  channel_user_id text NOT NULL,
  data jsonb NOT NULL,
  language text,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (channel, channel_user_id)
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE handoffs (
  id text PRIMARY KEY,
  channel text NOT NULL,
  -- NULL once the user deleted their data; the handoff itself stays for the project's statistics.
  channel_user_id text,
  project_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('family', 'volunteer')),
  state text NOT NULL CHECK (state IN ('open', 'taken', 'done', 'declined', 'withdrawn')),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX handoffs_user_idx ON handoffs (channel, channel_user_id);
CREATE INDEX handoffs_project_idx ON handoffs (project_id);

CREATE TABLE processed_updates (
  channel text NOT NULL,
  update_key text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, update_key)
);
CREATE INDEX processed_updates_processed_at_idx ON processed_updates (processed_at);
`;
