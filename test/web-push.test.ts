import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { translator } from "../bot/i18n.js";
import { postsOf } from "./support/slack-handoff-fixtures.js";
import { buttonPress, messageEvent, postEvent, postInteraction } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import { WebVisitor } from "./support/web-chat-client.js";
import { WebChatVisitorFlow } from "./support/web-chat-flows.js";
import { WebPushStandIn } from "./support/web-push-stand-in.js";

const AYLIN = { id: "U0COORD1", name: "aylin" };
const vapid = webpush.generateVAPIDKeys();

describe("Web Push for the web chat (real app, Slack stand-in, local push service)", () => {
  let w: SlackWorld;
  let push: WebPushStandIn;

  beforeAll(async () => {
    push = await WebPushStandIn.start();
    w = await startSlackWorld({
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: "mailto:technik@patenschaft.example.org",
      },
      inputs: { webPushEndpointAllowed: (endpoint) => endpoint.startsWith(push.baseUrl) },
    });
  });
  afterAll(async () => {
    await w?.close();
    await push?.close();
  });

  it("takes a subscription only after a request 'here in the chat', and a coordinator reply sends one encrypted push", async () => {
    const visitor = new WebVisitor(w.services.app);
    const flow = new WebChatVisitorFlow(visitor);
    await visitor.send({ type: "command", command: "start" }, "uk");
    // Before any request: no offer, and a subscription is refused.
    expect(visitor.last.offerPush).toBeUndefined();
    const early = await visitor.post("/api/chat/push", { subscription: push.subscription() });
    expect(early.status).toBe(400);

    await flow.familyToChatRequest();
    expect(visitor.last.offerPush).toEqual({ key: vapid.publicKey });
    // A subscription to some other host is refused (no requests to arbitrary URLs).
    const elsewhere = await visitor.post("/api/chat/push", {
      subscription: { ...push.subscription(), endpoint: "https://attacker.example/push" },
    });
    expect(elsewhere.status).toBe(400);
    const ok = await visitor.post("/api/chat/push", { subscription: push.subscription() });
    expect(ok.status).toBe(200);

    const [row] = await w.services.db.query<{ id: string }>(
      "SELECT id FROM handoffs WHERE channel = 'web' AND channel_user_id = $1",
      [visitor.visitorId],
    );
    if (!row) throw new Error("no handoff");
    await w.slackApi.waitFor(() => postsOf(w.slackApi, row.id).length > 0);
    await w.slack.idle();
    const post = postsOf(w.slackApi, row.id)[0];
    if (!post) throw new Error("no Slack post");
    await postInteraction(w.services.app, buttonPress(ACTION.take, row.id, AYLIN, post));
    await w.slack.idle();
    const afterTake = push.deliveries.length;

    const res = await postEvent(
      w.services.app,
      messageEvent({
        channel: post.channel,
        user: AYLIN.id,
        text: "Gern, wann passt es euch?",
        threadTs: post.ts,
      }),
    );
    expect(res.status).toBe(200);
    await w.slack.idle();
    await expect.poll(() => push.deliveries.length).toBe(afterTake + 1);

    const delivery = push.deliveries.at(-1);
    if (!delivery) throw new Error("no push");
    expect(delivery.headers["content-encoding"]).toBe("aes128gcm");
    expect(String(delivery.headers.authorization)).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    expect(Number(delivery.headers.ttl)).toBeGreaterThan(0);
    expect(delivery.body.toString("latin1")).not.toContain("Gern");
    const notice = JSON.parse(push.decrypt(delivery)) as Record<string, string>;
    const uk = translator("uk");
    expect(notice).toEqual({
      title: uk("webchat.push.title"),
      body: uk("webchat.push.body"),
      lang: "uk",
      dir: "ltr",
    });
    // No personal data and no message text in the notice.
    expect(JSON.stringify(notice)).not.toMatch(/Gern|Aylin|aylin/);

    // The message itself waits in the chat.
    const history = await visitor.history();
    expect(JSON.stringify(history.items)).toContain("Gern, wann passt es euch?");
  });

  it("forgets a subscription the push service says is gone", async () => {
    const visitor = new WebVisitor(w.services.app);
    await visitor.send({ type: "command", command: "start" }, "de");
    await new WebChatVisitorFlow(visitor).familyToChatRequest();
    expect((await visitor.post("/api/chat/push", { subscription: push.subscription("gone") })).status).toBe(
      200,
    );
    push.status = 410;
    const { createWebPush } = await import("../adapters/web/web-push-sender.js");
    const sender = createWebPush({
      db: w.services.db,
      vapid: { ...vapid, subject: "mailto:technik@patenschaft.example.org" },
      fetch,
      logger: (await import("../adapters/logger.js")).createLogger("silent"),
      now: () => new Date(),
      endpointAllowed: (e) => e.startsWith(push.baseUrl),
    });
    expect(await sender.notifyRequester(visitor.visitorId)).toBe(false);
    expect(await sender.hasSubscription(visitor.visitorId)).toBe(false);
    push.status = 201;
  });
});
