import { expect, it } from "vitest";
import { createCatalogueHolder } from "../adapters/catalogue-holder.js";
import { pruneCatalogueDeletions, readCatalogueChanges } from "../adapters/db/catalogue-changes.js";
import type { Transaction } from "../adapters/db/database.js";
import { upsertProjects } from "../adapters/db/project-store.js";
import { createLogger } from "../adapters/logger.js";
import { describeEachDatabase } from "./support/databases.js";
import { fullProject, minimalProject } from "./support/fixtures.js";

const logger = createLogger("silent");

describeEachDatabase("catalogue holder", (ctx) => {
  it("skips the reload while the change stamp stands, and reads only changed projects after", async () => {
    const db = ctx.db();
    await upsertProjects(db, [minimalProject(1), minimalProject(2), minimalProject(3)]);
    const holder = await createCatalogueHolder(db, logger);
    expect(holder.get().size).toBe(3);
    expect(await holder.refresh()).toBe(false);
    // Writing other tables leaves the stamp alone.
    await db.query("INSERT INTO processed_updates (channel, update_key) VALUES ($1, $2)", ["web", "u-1"]);
    expect(await holder.refresh()).toBe(false);

    const renamed = { ...minimalProject(2), name: "Umbenannt" };
    await upsertProjects(db, [renamed, fullProject()]);
    await db.query("DELETE FROM projects WHERE id = $1", [minimalProject(1).id]);
    expect(await holder.refresh()).toBe(true);
    const catalogue = holder.get();
    expect(catalogue.size).toBe(3);
    expect(catalogue.get(minimalProject(1).id)).toBeUndefined();
    expect(catalogue.get(minimalProject(2).id)?.name).toBe("Umbenannt");
    expect(catalogue.get(fullProject().id)).toStrictEqual(fullProject());
    expect(await holder.refresh()).toBe(false);
    holder.stop();
  });

  it("starts over after a TRUNCATE and picks up a project deleted and added again", async () => {
    const db = ctx.db();
    await upsertProjects(db, [minimalProject(1), minimalProject(2)]);
    const holder = await createCatalogueHolder(db, logger);
    await db.query("TRUNCATE projects");
    await upsertProjects(db, [minimalProject(3)]);
    expect(await holder.refresh()).toBe(true);
    expect(holder.get().size).toBe(1);
    expect(holder.get().get(minimalProject(3).id)).toBeDefined();

    await db.query("DELETE FROM projects WHERE id = $1", [minimalProject(3).id]);
    await upsertProjects(db, [minimalProject(3)]);
    expect(await holder.refresh()).toBe(true);
    expect(holder.get().get(minimalProject(3).id)).toBeDefined();
    holder.stop();
  });

  it("prunes the deletion log; an instance that had not read the pruned deletions reloads everything", async () => {
    const db = ctx.db();
    await db.query("DELETE FROM project_deletions"); // what earlier tests' TRUNCATEs logged
    await upsertProjects(db, [minimalProject(1), minimalProject(2), minimalProject(3)]);
    const current = await createCatalogueHolder(db, logger);
    const lagging = await readCatalogueChanges(db, undefined);
    await db.query("DELETE FROM projects WHERE id = $1", [minimalProject(1).id]);
    expect(await current.refresh()).toBe(true);
    const log = async () =>
      (await db.query<{ id: string }>("SELECT id FROM project_deletions ORDER BY change_seq")).map(
        (r) => r.id,
      );
    expect(await log()).toEqual([minimalProject(1).id]);

    // Nothing is old enough yet; then everything is.
    expect(await pruneCatalogueDeletions(db, new Date(Date.now() - 60_000))).toBe(0);
    expect(await pruneCatalogueDeletions(db, new Date(Date.now() + 60_000))).toBe(1);
    expect(await log()).toEqual(["#pruned"]);

    // The instance that read the deletion before it was pruned goes on reading only changes.
    expect(await current.refresh()).toBe(false);
    await upsertProjects(db, [{ ...minimalProject(2), name: "Neu" }]);
    const after = await readCatalogueChanges(db, lagging.seen);
    // One that had not: it cannot know what was deleted, so it reads the whole catalogue again.
    expect(after.full).toBe(true);
    expect(after.upserts.map((p) => p.id).sort()).toEqual(
      [minimalProject(2).id, minimalProject(3).id].sort(),
    );
    expect(await current.refresh()).toBe(true);
    expect(current.get().get(minimalProject(2).id)?.name).toBe("Neu");
    expect(current.get().size).toBe(2);
    // Pruning again keeps a single marker.
    await db.query("DELETE FROM projects WHERE id = $1", [minimalProject(3).id]);
    expect(await pruneCatalogueDeletions(db, new Date(Date.now() + 60_000))).toBe(1);
    expect(await log()).toEqual(["#pruned"]);
    current.stop();
  });

  it("reads only the changed rows: a changed project costs one row, not the catalogue", async () => {
    const db = ctx.db();
    await upsertProjects(
      db,
      Array.from({ length: 50 }, (_, i) => minimalProject(i + 1)),
    );
    const holder = await createCatalogueHolder(db, logger);
    let rowsRead = 0;
    const counting = {
      ...db,
      query: async <T>(text: string, params?: unknown[]) => {
        const rows = await db.query<T>(text, params);
        if (text.includes("FROM projects")) rowsRead += rows.length;
        return rows;
      },
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
        db.transaction((tx) =>
          fn({
            ...tx,
            query: async <R>(text: string, params?: unknown[]) => {
              const rows = await tx.query<R>(text, params);
              if (text.includes("FROM projects")) rowsRead += rows.length;
              return rows;
            },
          }),
        ),
    };
    const watched = await createCatalogueHolder(counting, logger);
    rowsRead = 0;
    await upsertProjects(db, [{ ...minimalProject(7), name: "Neu" }]);
    expect(await watched.refresh()).toBe(true);
    expect(rowsRead).toBe(1);
    expect(watched.get().size).toBe(50);
    expect(watched.get().get(minimalProject(7).id)?.name).toBe("Neu");
    holder.stop();
    watched.stop();
  });
});
