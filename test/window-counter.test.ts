import { describe, expect, it } from "vitest";
import { windowCounter } from "../adapters/telegram/window-counter.js";

describe("windowCounter (Telegram rate-limit store without timers)", () => {
  it("counts hits per key and starts again once the window set by pexpire has passed", async () => {
    let t = 1_000;
    const counter = windowCounter(() => t);
    expect(await counter.incr("a")).toBe(1);
    await counter.pexpire("a", 60_000);
    expect(await counter.incr("a")).toBe(2);
    expect(await counter.incr("b")).toBe(1);
    t += 59_999;
    expect(await counter.incr("a")).toBe(3);
    t += 1;
    expect(await counter.incr("a")).toBe(1);
  });

  it("answers 0 to pexpire of an unknown key", async () => {
    expect(await windowCounter().pexpire("nobody", 1000)).toBe(0);
  });
});
