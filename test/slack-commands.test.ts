import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postCommand } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";

interface CommandAnswer {
  response_type: string;
  text: string;
  blocks?: { type: string; text?: { text: string } }[];
}

describe("/paten <postcode or place> [interest] from Slack", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  async function paten(text: string): Promise<CommandAnswer> {
    const res = await postCommand(w.services.app, "/paten", text);
    expect(res.status).toBe(200);
    return (await res.json()) as CommandAnswer;
  }
  const sections = (a: CommandAnswer) =>
    (a.blocks ?? []).filter((b) => b.type === "section").map((b) => b.text?.text ?? "");

  it("lists up to five projects near a postcode, with distance and contact, only for the asker", async () => {
    const a = await paten("50667 Lesen");
    expect(a.response_type).toBe("ephemeral");
    const [title, ...projects] = sections(a);
    expect(title).toContain("50667");
    expect(title).toContain("Lesen");
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.length).toBeLessThanOrEqual(5);
    expect(projects.join("\n")).toContain("Lesefüchse");
    for (const p of projects) {
      expect(p).toMatch(/\d+(,\d)? km/);
      expect(p).toMatch(/📞|📧|Website|Kein Kontakt/);
    }
  });

  it("takes a place of several words, with the interest after it", async () => {
    const a = await paten("Frankfurt am Main Hausaufgaben");
    const [title] = sections(a);
    expect(title).toContain("Frankfurt am Main");
    expect(title).toContain("Hausaufgaben");
  });

  it("answers errors clearly: no text, a bad postcode, an unknown place", async () => {
    expect((await paten("")).text).toContain("/paten <PLZ oder Ort>");
    const short = await paten("5066 Lesen");
    expect(short.text).toContain("5066");
    expect(short.text).toContain("5");
    expect(short.blocks).toBeUndefined();
    expect((await paten("Xyzzyhausen")).text).toContain("„Xyzzyhausen“");
  });

  it("asks for the postcode when a place name is ambiguous", async () => {
    const a = await paten("Neustadt");
    expect(a.text).toContain("Postleitzahl");
    expect(a.text.split("·").length).toBeGreaterThan(1);
  });
});
