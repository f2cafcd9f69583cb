import type { Hono } from "hono";
import { slackSignature } from "../../adapters/slack/signature.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const TEAM = { id: "T0TEAM001", domain: "patenschaft-test" };

/** Options for one signed request. */
export interface SignOptions {
  /** Seconds since the epoch put in X-Slack-Request-Timestamp; default now. */
  timestamp?: number;
  /** Sign with this secret instead of the right one (a forgery). */
  secret?: string;
  headers?: Record<string, string>;
}

/** Posts a body to /slack/events signed like Slack does (HMAC-SHA256 of `v0:ts:body`). */
export async function postSigned(
  app: Hono,
  body: string,
  contentType: string,
  opts: SignOptions = {},
): Promise<Response> {
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = await slackSignature(opts.secret ?? SIGNING_SECRET, ts, body);
  return app.request("/slack/events", {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": ts,
      "x-slack-signature": signature,
      ...opts.headers,
    },
    body,
  });
}

/** An Events API delivery (JSON). */
export function postEvent(
  app: Hono,
  envelope: Record<string, unknown>,
  opts?: SignOptions,
): Promise<Response> {
  return postSigned(app, JSON.stringify(envelope), "application/json", opts);
}

/** An interaction (form field `payload` holding JSON), as Slack sends buttons, modals and options. */
export function postInteraction(
  app: Hono,
  payload: Record<string, unknown>,
  opts?: SignOptions,
): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(app, body, "application/x-www-form-urlencoded", opts);
}

let triggerSeq = 0;

/** A button press on a handoff message. */
export function buttonPress(
  actionId: string,
  value: string,
  user: { id: string; name: string },
  message: { channel: string; ts: string },
): Record<string, unknown> {
  triggerSeq += 1;
  return {
    type: "block_actions",
    team: TEAM,
    user: { ...user, username: user.name, team_id: TEAM.id },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    trigger_id: `${triggerSeq}.1234.abcdef`,
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: "handoffs" },
    message: { type: "message", ts: message.ts, text: "" },
    response_url: "https://hooks.slack.invalid/actions/1",
    actions: [
      {
        type: "button",
        action_id: actionId,
        block_id: "handoff_actions",
        value,
        text: { type: "plain_text", text: "x" },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A modal submission with the given state values. */
export function viewSubmission(
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, unknown>>,
  user: { id: string; name: string },
): Record<string, unknown> {
  triggerSeq += 1;
  return {
    type: "view_submission",
    team: TEAM,
    user: { ...user, username: user.name, team_id: TEAM.id },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    trigger_id: `${triggerSeq}.1234.abcdef`,
    view: {
      id: `V0VIEW${triggerSeq}`,
      type: "modal",
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: "1.abc",
    },
  };
}

/** A type-ahead request of an external_select. */
export function blockSuggestion(actionId: string, value: string, user: { id: string; name: string }) {
  return {
    type: "block_suggestion",
    team: TEAM,
    user: { ...user, team_id: TEAM.id },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    action_id: actionId,
    block_id: "project",
    value,
    view: { id: "V0VIEW0", type: "modal", callback_id: "handoff_forward_modal" },
  };
}

let eventSeq = 0;

/** An Events API envelope around one event, as Slack delivers it. */
export function eventEnvelope(event: Record<string, unknown>): Record<string, unknown> {
  eventSeq += 1;
  return {
    token: "legacy-verification-token",
    team_id: TEAM.id,
    api_app_id: "A0APP0001",
    type: "event_callback",
    event_id: `Ev0MSG${eventSeq}${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM.id, user_id: "U0BOT0001", is_bot: true }],
    event,
  };
}

let messageSeq = 0;

/** A person's message event: a reply in a thread when `threadTs` is given, a DM with `channelType: "im"`. */
export function messageEvent(m: {
  channel: string;
  user: string;
  text: string;
  threadTs?: string;
  channelType?: "channel" | "group" | "im";
}): Record<string, unknown> {
  messageSeq += 1;
  const ts = `${Math.floor(Date.now() / 1000) + 100_000}.${String(messageSeq).padStart(6, "0")}`;
  return eventEnvelope({
    type: "message",
    channel: m.channel,
    user: m.user,
    text: m.text,
    ts,
    event_ts: ts,
    channel_type: m.channelType ?? "channel",
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  });
}

/** A slash command as Slack posts it (form fields), signed. */
export function postCommand(
  app: Hono,
  command: string,
  text: string,
  user = { id: "U0COORD1", name: "aylin" },
  opts?: SignOptions,
): Promise<Response> {
  triggerSeq += 1;
  const body = new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: "C0SAMPLE02",
    channel_name: "handoffs",
    user_id: user.id,
    user_name: user.name,
    command,
    text,
    api_app_id: "A0APP0001",
    response_url: "https://hooks.slack.invalid/commands/1",
    trigger_id: `${triggerSeq}.5678.abcdef`,
  }).toString();
  return postSigned(app, body, "application/x-www-form-urlencoded", opts);
}
