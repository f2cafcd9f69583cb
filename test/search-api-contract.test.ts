import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../adapters/web/app.js";
import {
  PlaceChoicesResponseSchema,
  ProjectResponseSchema,
  SearchResponseSchema,
} from "../adapters/web/project-response.js";
import type { Project } from "../core/project.js";
import { realData } from "./support/real-data.js";

let app: ReturnType<typeof createApp>;
let withChannel: Project[];

beforeAll(async () => {
  const data = await realData();
  withChannel = data.projects.filter((p) => p.slackChannelId !== undefined);
  app = createApp({
    logger: pino({ level: "silent" }),
    gazetteer: data.gazetteer,
    catalogue: () => data.catalogue,
    isReady: () => true,
  });
});

const getJson = async (path: string): Promise<unknown> => {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return res.json();
};

describe("the project API answers with its declared response schemas", () => {
  it("search results match the schema exactly (strict: no field beyond it), never a Slack channel", async () => {
    // The sample catalogue's Cologne projects have Slack channels; they must be among the results.
    expect(withChannel.length).toBeGreaterThan(0);
    const body = await getJson("/api/projects/search?postcode=50667&limit=50&radius=20");
    const strict = SearchResponseSchema.extend({
      results: SearchResponseSchema.shape.results.element.extend({}).strict().array(),
    }).strict();
    const parsed = strict.parse(body);
    const ids = parsed.results.map((r) => r.project.id);
    expect(ids.filter((id) => withChannel.some((p) => p.id === id)).length).toBeGreaterThan(0);
    for (const r of (body as { results: { project: Record<string, unknown> }[] }).results) {
      expect(r.project).not.toHaveProperty("slackChannelId");
      expect(
        Object.keys(r.project).every(
          (k) => k in SearchResponseSchema.shape.results.element.shape.project.shape,
        ),
      ).toBe(true);
    }
  });

  it("one project by id carries everything public and nothing internal", async () => {
    const stored = withChannel[0];
    if (!stored) throw new Error("the sample catalogue has no project with a Slack channel");
    const body = await getJson(`/api/projects/${stored.id}`);
    const parsed = ProjectResponseSchema.strict().parse(body);
    const { slackChannelId: _internal, ...published } = stored;
    expect(parsed.project).toStrictEqual(published);
    expect(JSON.stringify(body)).not.toContain(stored.slackChannelId);
  });

  it("an ambiguous place answers with choices in their declared shape", async () => {
    const body = await getJson("/api/projects/search?place=Neustadt");
    expect(PlaceChoicesResponseSchema.strict().parse(body).choices.length).toBeGreaterThan(1);
  });
});
