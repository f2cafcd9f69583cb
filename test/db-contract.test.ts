import { expect, it } from "vitest";
import { handleTurn, type TurnDeps } from "../adapters/conversation/handle-turn.js";
import { pruneProcessedUpdates, purgeExpiredSessions } from "../adapters/db/conversation-store.js";
import { getHandoff, listUserHandoffs } from "../adapters/db/handoff-store.js";
import { migrations, runMigrations } from "../adapters/db/migrations.js";
import { openPostgres } from "../adapters/db/postgres-database.js";
import { countProjects, getProject, listProjects, upsertProjects } from "../adapters/db/project-store.js";
import { DatabaseError } from "../adapters/errors.js";
import type { Effect, InboundEvent, Peer, StepDeps, StepResult } from "../bot/types.js";
import type { Gazetteer } from "../core/location.js";
import type { Catalogue } from "../core/ranking-types.js";
import { type DbContext, describeEachDatabase, randomSchema } from "./support/databases.js";
import { fullProject, minimalProject, newHandoff } from "./support/fixtures.js";

/** The fake bot: counts turns and turns a few magic words into effects. */
interface CountSession {
  turns: number;
  sawHandoffs: number;
}

function fakeStep(session: CountSession | null, peer: Peer, event: InboundEvent, deps: StepDeps) {
  const turns = (session?.turns ?? 0) + 1;
  const text = event.type === "text" ? event.text : "";
  const effects: Effect[] = [];
  let next: CountSession | null = { turns, sawHandoffs: deps.handoffs?.length ?? -1 };
  if (text.startsWith("handoff")) {
    const id = text.split(" ")[1] ?? deps.newId();
    effects.push({
      type: "create_handoff",
      handoff: newHandoff({ id, channel: peer.channel, channelUserId: "spoofed" }),
    });
  }
  if (text === "delete") {
    effects.push({ type: "delete_user_data" });
    next = null;
  }
  if (text === "bad-effect") {
    // A handoff kind the CHECK constraint rejects: the effect fails after the session was read.
    effects.push({ type: "create_handoff", handoff: newHandoff({ id: "bad", kind: "nope" as "family" }) });
  }
  const result: StepResult<CountSession> = {
    session: next,
    replies: [{ type: "text", text: `turn ${turns}` }],
    effects,
    language: "ar",
    dir: "rtl",
  };
  return result;
}

const peer: Peer = { channel: "web", channelUserId: "u-1" };
const text = (t: string): InboundEvent => ({ type: "text", text: t });

function turnDeps(ctx: DbContext, clock: { now: number }, extra: Partial<TurnDeps<CountSession>> = {}) {
  let n = 0;
  const deps: TurnDeps<CountSession> = {
    db: ctx.db(),
    step: fakeStep,
    stepDeps: {
      gazetteer: {} as Gazetteer,
      catalogue: {} as Catalogue,
      now: () => new Date(clock.now),
      newId: () => `id-${++n}`,
    },
    sessionTtlMs: 60_000,
    ...extra,
  };
  return deps;
}

async function sessionOf(ctx: DbContext, userId = "u-1") {
  const rows = await ctx
    .db()
    .query<{ data: CountSession; language: string; updated_at: string; expires_at: string }>(
      "SELECT data, language, updated_at, expires_at FROM sessions WHERE channel = 'web' AND channel_user_id = $1",
      [userId],
    );
  return rows[0];
}

const T0 = Date.parse("2024-05-01T12:00:00.000Z");

describeEachDatabase("database contract", (ctx) => {
  it("applies migrations once and is idempotent", async () => {
    const db = ctx.db();
    expect(await runMigrations(db)).toEqual([]);
    expect(await runMigrations(db)).toEqual([]);
    const rows = await db.query<{ version: number; name: string }>(
      "SELECT version, name FROM schema_migrations ORDER BY version",
    );
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it("returns the same JS types for json, numeric, int8 and timestamps, with and without parameters", async () => {
    const db = ctx.db();
    const sqlText = `SELECT '{"a":[1,"x"]}'::jsonb AS jb, '[1,2]'::json AS j, 1.25::numeric AS n, 2.5::float8 AS f,
      9007199254740991::bigint AS b, count(*) AS c, 7::int AS i, true AS t,
      '2024-05-01 10:00:00.5+02'::timestamptz AS ts, '2024-05-01 10:00:00'::timestamp AS tsl,
      '2024-05-01'::date AS d, NULL::text AS nothing FROM (SELECT 1) x`;
    const expected = {
      jb: { a: [1, "x"] },
      j: [1, 2],
      n: 1.25,
      f: 2.5,
      b: 9007199254740991,
      c: 1,
      i: 7,
      t: true,
      ts: "2024-05-01T08:00:00.500Z",
      tsl: "2024-05-01T10:00:00.000Z",
      d: "2024-05-01",
      nothing: null,
    };
    expect((await db.query(sqlText))[0]).toStrictEqual(expected);
    expect((await db.query(`${sqlText} WHERE $1::int = 1`, [1]))[0]).toStrictEqual(expected);
  });

  it("binds json parameters alike: strings as JSON text, objects and arrays encoded", async () => {
    const db = ctx.db();
    const [row] = await db.query(
      "SELECT $1::jsonb AS s, $2::jsonb AS o, $3::jsonb AS a, $4::timestamptz AS d, $5::timestamptz AS ds, $6::bigint AS b",
      [JSON.stringify({ x: 1 }), { y: [2] }, [3, { z: null }], new Date(T0), "2024-05-01T14:00:00+02:00", 42],
    );
    expect(row).toStrictEqual({
      s: { x: 1 },
      o: { y: [2] },
      a: [3, { z: null }],
      d: "2024-05-01T12:00:00.000Z",
      ds: "2024-05-01T12:00:00.000Z",
      b: 42,
    });
  });

  it("round-trips projects with every field, and upserts in bulk", async () => {
    const db = ctx.db();
    const full = fullProject();
    const many = Array.from({ length: 800 }, (_, i) => minimalProject(i));
    const started = Date.now();
    expect(await upsertProjects(db, [full, ...many])).toBe(801);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await countProjects(db)).toBe(801);
    expect(await getProject(db, full.id)).toStrictEqual(full);
    expect(await getProject(db, "missing")).toBeUndefined();
    const listed = await listProjects(db);
    expect(listed).toHaveLength(801);
    expect(listed.find((p) => p.id === full.id)).toStrictEqual(full);
    expect(listed.find((p) => p.id === "p-0007")).toStrictEqual(minimalProject(7));

    // Upsert replaces by id, including the query columns.
    const moved = fullProject({ postcode: "10115", state: "BE", lat: 52.53, lon: 13.38, name: "Neu" });
    await upsertProjects(db, [moved, moved]);
    expect(await countProjects(db)).toBe(801);
    expect(await getProject(db, full.id)).toStrictEqual(moved);
    const [cols] = await db.query(
      "SELECT postcode, state, lat, lon, updated_at FROM projects WHERE id = $1",
      [full.id],
    );
    expect(cols).toStrictEqual({
      postcode: "10115",
      state: "BE",
      lat: 52.53,
      lon: 13.38,
      updated_at: "2024-05-01T08:00:00.000Z",
    });
  });

  it("rolls a transaction back when its function throws, and passes the result through otherwise", async () => {
    const db = ctx.db();
    await expect(
      db.transaction(async (tx) => {
        await upsertProjects(tx, [fullProject()]);
        expect(await countProjects(tx)).toBe(1);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await countProjects(db)).toBe(0);
    expect(await db.transaction(async (tx) => upsertProjects(tx, [fullProject()]))).toBe(1);
    expect(await countProjects(db)).toBe(1);
  });

  const mark = (key: string) => ({
    text: "INSERT INTO processed_updates (channel, update_key) VALUES ('web', $1) RETURNING update_key",
    params: [key],
  });
  const keys = async () =>
    (
      await ctx
        .db()
        .query<{ update_key: string }>("SELECT update_key FROM processed_updates ORDER BY update_key")
    ).map((r) => r.update_key);

  it("runs a batch in order in one transaction and returns each statement's rows", async () => {
    const db = ctx.db();
    const results = await db.batch([
      mark("a"),
      { text: "SELECT count(*)::int AS n FROM processed_updates" },
      mark("b"),
    ]);
    expect(results).toEqual([[{ update_key: "a" }], [{ n: 1 }], [{ update_key: "b" }]]);
    // A failing statement in the middle rolls back the statements before it and fails the batch.
    const failed = await db.batch([mark("c"), mark("a"), mark("d")]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DatabaseError);
    expect((failed as DatabaseError).code).toBe("23505");
    expect(await keys()).toEqual(["a", "b"]);
    expect(await db.batch([])).toEqual([]);
  });

  it("rolls the whole transaction back when a statement of a batch in it fails", async () => {
    const db = ctx.db();
    const inside = await db.transaction(async (tx) => {
      await tx.query(mark("a").text, mark("a").params);
      return tx.batch([mark("b"), { text: "SELECT update_key FROM processed_updates ORDER BY 1" }]);
    });
    expect(inside).toEqual([[{ update_key: "b" }], [{ update_key: "a" }, { update_key: "b" }]]);
    const failed = await db
      .transaction(async (tx) => {
        await tx.query(mark("c").text, mark("c").params);
        await tx.batch([mark("d"), mark("a"), mark("e")]);
        return "committed";
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DatabaseError);
    expect((failed as DatabaseError).code).toBe("23505");
    expect(await keys()).toEqual(["a", "b"]);
  });

  it("rolls back when the first statement of a transaction fails, and the next transaction works", async () => {
    const db = ctx.db();
    await db.query(mark("a").text, mark("a").params);
    for (const first of ["query", "batch"] as const) {
      const failed = await db
        .transaction(async (tx) => {
          if (first === "query") await tx.query(mark("a").text, mark("a").params);
          else await tx.batch([mark("b"), mark("a")]);
          return "committed";
        })
        .catch((e: unknown) => e);
      expect((failed as DatabaseError).code).toBe("23505");
    }
    expect(await db.transaction(async (tx) => tx.batch([mark("c")]))).toEqual([[{ update_key: "c" }]]);
    expect(await keys()).toEqual(["a", "c"]);
  });

  it("runs deferred writes in order before the next statement and before the commit", async () => {
    const db = ctx.db();
    const seen = await db.transaction(async (tx) => {
      tx.defer(mark("a").text, mark("a").params);
      tx.defer(mark("b").text, mark("b").params);
      const rows = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM processed_updates");
      tx.defer(mark("c").text, mark("c").params);
      const [mine] = await tx.batch([{ text: "SELECT count(*)::int AS n FROM processed_updates" }]);
      tx.defer(mark("d").text, mark("d").params);
      return [rows[0]?.n, mine?.[0]?.n];
    });
    expect(seen).toEqual([2, 3]);
    expect(await keys()).toEqual(["a", "b", "c", "d"]);
    // Only deferred writes, no statement before the end: they still commit together.
    await db.transaction(async (tx) => {
      tx.defer(mark("e").text, mark("e").params);
      tx.defer(mark("f").text, mark("f").params);
    });
    expect(await keys()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(await db.transaction(async () => "nothing")).toBe("nothing");
  });

  it("rolls the transaction back when a deferred write fails, with its DatabaseError", async () => {
    const db = ctx.db();
    await db.query(mark("a").text, mark("a").params);
    for (const opened of [true, false]) {
      const failed = await db
        .transaction(async (tx) => {
          if (opened) await tx.query(mark("b").text, mark("b").params);
          tx.defer(mark("c").text, mark("c").params);
          tx.defer(mark("a").text, mark("a").params);
          tx.defer(mark("d").text, mark("d").params);
          return "committed";
        })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(DatabaseError);
      expect((failed as DatabaseError).code).toBe("23505");
    }
    // A deferred write that fails before a later statement fails that statement.
    const later = await db
      .transaction(async (tx) => {
        tx.defer(mark("a").text, mark("a").params);
        await tx.query("SELECT 1");
      })
      .catch((e: unknown) => e);
    expect((later as DatabaseError).code).toBe("23505");
    expect(await keys()).toEqual(["a"]);
  });

  it("stores the session of a turn with language and expiry", async () => {
    const clock = { now: T0 };
    const deps = turnDeps(ctx, clock);
    expect(await handleTurn(deps, peer, text("hi"))).toStrictEqual({
      duplicate: false,
      replies: [{ type: "text", text: "turn 1" }],
      language: "ar",
      dir: "rtl",
    });
    clock.now += 1_000;
    await handleTurn(deps, peer, text("again"));
    expect(await sessionOf(ctx)).toStrictEqual({
      data: { turns: 2, sawHandoffs: 0 },
      language: "ar",
      updated_at: "2024-05-01T12:00:01.000Z",
      expires_at: "2024-05-01T12:01:01.000Z",
    });
  });

  it("answers a duplicate update key once", async () => {
    const deps = turnDeps(ctx, { now: T0 });
    expect((await handleTurn(deps, peer, text("a"), { updateKey: "42" })).duplicate).toBe(false);
    expect(await handleTurn(deps, peer, text("a"), { updateKey: "42" })).toStrictEqual({ duplicate: true });
    // The same key on another channel is a different update.
    const tg: Peer = { channel: "telegram", channelUserId: "u-1" };
    expect((await handleTurn(deps, tg, text("a"), { updateKey: "42" })).duplicate).toBe(false);
    expect((await sessionOf(ctx))?.data.turns).toBe(1);
  });

  it("serialises concurrent turns of one user and concurrent duplicates", async () => {
    const deps = turnDeps(ctx, { now: T0 });
    await Promise.all(Array.from({ length: 8 }, () => handleTurn(deps, peer, text("x"))));
    expect((await sessionOf(ctx))?.data.turns).toBe(8);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => handleTurn(deps, peer, text("x"), { updateKey: "dup" })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await sessionOf(ctx))?.data.turns).toBe(9);
  });

  it("creates a handoff and its outbox row with the session, and reports it after commit", async () => {
    const seen: string[] = [];
    const deps = turnDeps(
      ctx,
      { now: T0 },
      { onHandoffCreated: (h) => seen.push(`${h.id}:${h.channelUserId}`) },
    );
    await handleTurn(deps, peer, text("handoff h-1"));
    expect(seen).toEqual(["h-1:u-1"]);
    const h = await getHandoff(ctx.db(), "h-1");
    expect(h).toStrictEqual({ ...newHandoff(), state: "open", updatedAt: "2024-05-01T08:00:00.000Z" });
    const outbox = await ctx
      .db()
      .query("SELECT id, topic, payload, handoff_id, attempts, sent_at FROM outbox");
    expect(outbox).toStrictEqual([
      {
        id: 1,
        topic: "handoff.created",
        payload: { handoffId: "h-1" },
        handoff_id: "h-1",
        attempts: 0,
        sent_at: null,
      },
    ]);
    // The next turn sees the user's handoffs in StepDeps.
    await handleTurn(deps, peer, text("next"));
    expect((await sessionOf(ctx))?.data).toStrictEqual({ turns: 2, sawHandoffs: 1 });
  });

  it("leaves everything unchanged when an effect fails", async () => {
    const seen: string[] = [];
    const deps = turnDeps(ctx, { now: T0 }, { onHandoffCreated: (h) => seen.push(h.id) });
    await handleTurn(deps, peer, text("hi"));
    const before = await sessionOf(ctx);
    await expect(handleTurn(deps, peer, text("bad-effect"), { updateKey: "u7" })).rejects.toThrow();
    expect(await sessionOf(ctx)).toStrictEqual(before);
    expect(await ctx.db().query("SELECT * FROM handoffs")).toEqual([]);
    expect(await ctx.db().query("SELECT * FROM outbox")).toEqual([]);
    expect(seen).toEqual([]);
    // The update key was rolled back too, so a redelivery is processed.
    expect((await handleTurn(deps, peer, text("hi"), { updateKey: "u7" })).duplicate).toBe(false);
  });

  it("delete_user_data removes the session and anonymises the user's handoffs", async () => {
    const db = ctx.db();
    const deps = turnDeps(ctx, { now: T0 });
    await handleTurn(deps, peer, text("handoff h-open"));
    await handleTurn(deps, peer, text("handoff h-taken"));
    await handleTurn(deps, peer, text("handoff h-done"));
    await handleTurn(deps, { channel: "web", channelUserId: "other" }, text("handoff h-other"));
    await db.query("UPDATE handoffs SET state = 'taken' WHERE id = 'h-taken'");
    await db.query("UPDATE handoffs SET state = 'done' WHERE id = 'h-done'");
    // What the Slack side recorded of them: each request's message, and a relayed message.
    await db.query(
      `INSERT INTO slack_posts (handoff_id, channel, ts, kind, posted_at) VALUES
         ('h-done', 'C1', '1.1', 'handoff', now()), ('h-open', 'C1', '2.1', 'handoff', now()),
         ('h-open', 'C1', '2.2', 'relay', now()), ('h-other', 'C1', '9.1', 'handoff', now())`,
    );

    await handleTurn(deps, peer, text("delete"));
    expect(await sessionOf(ctx)).toBeUndefined();
    expect(await listUserHandoffs(db, "web", "u-1")).toEqual([]);
    const rows = await db.query<{ id: string; channel_user_id: string | null; state: string; data: object }>(
      "SELECT id, channel_user_id, state, data FROM handoffs ORDER BY id",
    );
    expect(rows.map((r) => [r.id, r.channel_user_id, r.state])).toEqual([
      ["h-done", null, "done"],
      ["h-open", null, "withdrawn"],
      ["h-other", "other", "open"],
      ["h-taken", null, "withdrawn"],
    ]);
    for (const r of rows.filter((r) => r.id !== "h-other")) {
      expect(r.data).not.toHaveProperty("contactValue");
      expect(r.data).not.toHaveProperty("message");
      expect(r.data).not.toHaveProperty("channelUserId");
      expect(JSON.stringify(r.data)).not.toContain("123456");
      expect(r.data).toHaveProperty("projectId", "lesepaten-koeln");
    }
    expect((await getHandoff(db, "h-open"))?.channelUserId).toBe("");
    // Slack's copies are erased through the outbox (redacted, relayed messages deleted); the last
    // erasure carries whom to tell. Nothing else about the requests is queued.
    const erasures = await db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM outbox WHERE topic = 'slack.erase' ORDER BY id",
    );
    expect(
      erasures.map((r) => [r.payload.handoffId, r.payload.ts, r.payload.mode, r.payload.notify]),
    ).toEqual([
      ["h-done", "1.1", "redact", undefined],
      ["h-open", "2.2", "delete", undefined],
      ["h-open", "2.1", "redact", expect.objectContaining({ channel: "web", userId: "u-1" })],
    ]);
    expect(await db.query("SELECT 1 FROM outbox WHERE topic = 'handoff.withdrawn'")).toEqual([]);
    expect((await sessionOf(ctx, "other"))?.data.turns).toBe(1);
  });

  it("treats an expired session as new and purges expired sessions and old update keys", async () => {
    const clock = { now: T0 };
    const deps = turnDeps(ctx, clock);
    await handleTurn(deps, peer, text("1"), { updateKey: "old" });
    await handleTurn(deps, { channel: "web", channelUserId: "u-2" }, text("1"));
    clock.now += 30_000;
    await handleTurn(deps, { channel: "web", channelUserId: "u-2" }, text("2"));
    clock.now += 40_000; // u-1 expired (ttl 60 s), u-2 not yet
    expect((await handleTurn(deps, peer, text("back"))).duplicate).toBe(false);
    expect((await sessionOf(ctx))?.data.turns).toBe(1);

    expect(await purgeExpiredSessions(ctx.db(), new Date(clock.now))).toBe(0);
    expect(await purgeExpiredSessions(ctx.db(), new Date(clock.now + 55_000))).toBe(1);
    expect(await sessionOf(ctx, "u-2")).toBeUndefined();
    expect(await sessionOf(ctx)).toBeDefined();

    expect(await pruneProcessedUpdates(ctx.db(), new Date(T0 + 6 * 86_400_000))).toBe(0);
    expect(await pruneProcessedUpdates(ctx.db(), new Date(T0 + 8 * 86_400_000))).toBe(1);
  });

  if (ctx.kind === "postgres") {
    it("lets two processes migrate a fresh schema at once", async () => {
      const url = ctx.url as string;
      const schema = randomSchema();
      const a = await openPostgres(url, { schema, max: 2 });
      const b = await openPostgres(url, { schema, max: 2 });
      try {
        const [ra, rb] = await Promise.all([runMigrations(a), runMigrations(b)]);
        expect([...ra, ...rb].sort((x, y) => x - y)).toEqual(migrations.map((m) => m.version));
      } finally {
        await a.query(`DROP SCHEMA ${schema} CASCADE`);
        await Promise.all([a.close(), b.close()]);
      }
    });
  }
});
