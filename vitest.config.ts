import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/shifted-clock.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Suites spend most of their time waiting on loopback HTTP, so two workers pay off even on 2 cores.
    maxWorkers: 2,
  },
});
