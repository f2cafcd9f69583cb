import { Hono } from "hono";
import type { MyDataExport } from "../db/my-data-store.js";
import { isSameOrigin } from "./same-origin.js";
import type { VisitorIdentity } from "./visitor-identity.js";

/** Where the web chat offers the download (also linked from /mydata). */
export const MY_DATA_PATH = "/api/chat/mydata";

export interface MyDataRouteDeps {
  visitors: VisitorIdentity;
  myData: (visitorId: string) => Promise<MyDataExport>;
}

/**
 * `GET /api/chat/mydata`: everything stored about the visitor (by their signed cookie) as a JSON
 * file. Same-origin only; without a valid cookie there is nothing to show, and nothing is created.
 */
export function myDataRoutes(deps: MyDataRouteDeps): Hono {
  const app = new Hono();
  app.get(MY_DATA_PATH, async (c) => {
    const ok = isSameOrigin({
      origin: c.req.header("origin"),
      host: c.req.header("host") ?? new URL(c.req.url).host,
      forwardedHost: c.req.header("x-forwarded-host"),
      fetchSite: c.req.header("sec-fetch-site"),
    });
    if (!ok)
      return c.json({ error: { field: "origin", message: "cross-origin requests are not allowed" } }, 403);
    c.header("Cache-Control", "no-store");
    const id = await deps.visitors.read(c);
    if (!id) return c.json({ error: { field: "cookie", message: "no conversation is stored for you" } }, 404);
    c.header("Content-Disposition", 'attachment; filename="patenschaft-finder-my-data.json"');
    return c.json(await deps.myData(id));
  });
  return app;
}
