import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ASSETS_MODULE_PATH, assetsModule, bundleWebClient } from "../scripts/web-client-bundle.js";

describe("the web chat's browser bundle", () => {
  it("is rebuilt from its TypeScript sources (run `npm run build:web-client` after editing them)", async () => {
    const committed = await readFile(ASSETS_MODULE_PATH, "utf8");
    expect(committed).toBe(assetsModule(await bundleWebClient()));
  });

  it("is a self-contained script: no imports, nothing fetched from elsewhere", async () => {
    const assets = await bundleWebClient();
    for (const js of Object.values(assets)) {
      expect(js).not.toMatch(/^\s*import\s/m);
      expect(js).not.toMatch(/https?:\/\/(?!www\.openstreetmap\.org)/);
    }
  });
});
