import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite and PostgreSQL suites create their own databases; keep files isolated but not too many at once on 2 cores.
    maxWorkers: 2,
  },
});
