/** Rebuilds adapters/web/page/generated/client-assets.ts from the page's TypeScript sources. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ASSETS_MODULE_PATH, assetsModule, bundleWebClient } from "./web-client-bundle.js";

const assets = await bundleWebClient();
await mkdir(dirname(ASSETS_MODULE_PATH), { recursive: true });
await writeFile(ASSETS_MODULE_PATH, assetsModule(assets));
for (const [name, js] of Object.entries(assets)) console.log(`${name}: ${js.length} characters`);
