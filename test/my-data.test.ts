import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../adapters/compose.js";
import type { MyDataExport } from "../adapters/db/my-data-store.js";
import { addRequesterMessage } from "../adapters/db/requester-inbox-store.js";
import { translator } from "../bot/i18n.js";
import { cookieFrom, postChat, startWebWorld } from "./support/web-world.js";

const de = translator("de");
type Reply = {
  type: string;
  text?: string;
  choices?: { id: string }[];
  links?: { label: string; url: string }[];
};

describe("/mydata lists everything stored, and the web chat offers it as a JSON file", () => {
  let services: Services;
  let cookie: string | undefined;
  let last: Reply[] = [];
  beforeAll(async () => {
    services = await startWebWorld();
  });
  afterAll(async () => services?.close());

  async function send(event: Record<string, unknown>): Promise<Reply[]> {
    const res = await postChat(services, event, { language: "de", ...(cookie ? { cookie } : {}) });
    expect(res.status).toBe(200);
    cookie ??= cookieFrom(res);
    last = ((await res.json()) as { replies: Reply[] }).replies;
    return last;
  }
  const choose = (pattern: RegExp) => {
    const id = last.flatMap((r) => r.choices ?? []).find((c) => pattern.test(c.id))?.id;
    if (!id) throw new Error(`no choice ${pattern} in ${JSON.stringify(last)}`);
    return send({ type: "choice", id });
  };
  const allText = (replies: Reply[]) => replies.map((r) => r.text ?? "").join("\n");

  it("after a request with a message, a relayed message and a coordinator's answer", async () => {
    await send({ type: "command", command: "start" });
    await choose(/^role:family$/);
    await choose(/^age:6-9$/);
    await choose(/^focus:reading$/);
    await send({ type: "location", lat: 50.9375123, lon: 6.9602786 });
    await choose(/^proj:/);
    await choose(/^contact:/);
    await choose(/^consent:yes$/);
    await choose(/^way:chat$/);
    const sent = await send({ type: "text", text: "Mein Sohn liest gern. Ruf an: 0170 1234567" });
    expect(allText(sent)).toContain(de("privacy.firstMessageMasked"));
    await send({ type: "text", text: "Wir wohnen in der Venloer Straße 12" });
    const id = (cookie ?? "").split(".")[0] ?? "";
    await addRequesterMessage(services.db, "web", id, "Hallo, hier ist Aylin vom Leseclub.", new Date());

    const replies = await send({ type: "command", command: "mydata" });
    const text = allText(replies);
    expect(text).toContain(de("mydata.title"));
    expect(text).toContain("Mein Sohn liest gern. Ruf an: […]");
    expect(text).not.toContain("0170 1234567");
    expect(text).toContain("Venloer Straße 12");
    expect(text).toContain("Hallo, hier ist Aylin vom Leseclub.");
    expect(text).toMatch(/Eingewilligt am .*\d{2}:\d{2}/);
    expect(text).toContain("Gespeicherter Suchpunkt (auf etwa 100 m gerundet): 50,938, 6,96");
    expect(text).toMatch(/Wird spätestens am .* gelöscht/);
    const link = replies.find((r) => r.type === "links")?.links?.[0];
    expect(link).toEqual({ label: de("mydata.download"), url: "/api/chat/mydata" });
  });

  it("GET /api/chat/mydata answers the same as a JSON download, only to the visitor it belongs to", async () => {
    const res = await services.app.request("/api/chat/mydata", {
      headers: { cookie: `pf_sid=${cookie}`, "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".*\.json"/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const data = (await res.json()) as MyDataExport;
    expect(data.requests).toHaveLength(1);
    const [r] = data.requests;
    expect(r?.message).toBe("Mein Sohn liest gern. Ruf an: […]");
    expect(r?.relayedMessages.map((m) => m.text)).toEqual(["Wir wohnen in der Venloer Straße 12"]);
    expect(r?.consentAt).toMatch(/^\d{4}-/);
    expect(r?.deleteBy).toMatch(/^\d{4}-/);
    expect(data.coordinatorMessages.map((m) => m.text)).toEqual(["Hallo, hier ist Aylin vom Leseclub."]);
    const session = data.session?.data as { answers: { origin: { lat: number; lon: number } } };
    expect(session.answers.origin).toMatchObject({ lat: 50.938, lon: 6.96 });
    expect(JSON.stringify(data)).not.toMatch(/50\.9375|0170 1234567/);

    const none = await services.app.request("/api/chat/mydata", {
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(none.status).toBe(404);
    const forged = await services.app.request("/api/chat/mydata", {
      headers: { cookie: `pf_sid=${(cookie ?? "").split(".")[0]}`, "sec-fetch-site": "same-origin" },
    });
    expect(forged.status).toBe(404);
    const cross = await services.app.request("/api/chat/mydata", {
      headers: { cookie: `pf_sid=${cookie}`, "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(cross.status).toBe(403);
  });
});
