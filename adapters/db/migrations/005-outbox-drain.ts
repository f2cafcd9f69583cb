/**
 * One channel-neutral outbox: each row names the channel whose adapter delivers it (its own
 * concurrency slots), an order key (rows of one chat or handoff go out in order), and a lease token
 * so a dispatcher whose lease ran out cannot mark a row another one took over (fencing).
 * `first_attempt_at` bounds the duplicate search; 429s no longer count as attempts. Processed
 * updates keep the turn's result, so a web chat retry of the same message gets the same replies.
 */
export const sql = `
ALTER TABLE outbox
  ADD COLUMN channel text NOT NULL DEFAULT 'slack',
  ADD COLUMN order_key text,
  ADD COLUMN lease_token text,
  ADD COLUMN first_attempt_at timestamptz;
UPDATE outbox SET order_key = handoff_id WHERE handoff_id IS NOT NULL;
CREATE INDEX outbox_channel_due_idx ON outbox (channel, available_at, id)
  WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_order_key_idx ON outbox (order_key, id)
  WHERE sent_at IS NULL AND failed_at IS NULL;
ALTER TABLE processed_updates ADD COLUMN result jsonb;
`;
