import path from "node:path";
import { defineConfig } from "vitest/config";

const exclude = ["node_modules/**", "e2e/**", ".next/**", ".next-*/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next.js resolves this to an empty module on the server; so do the tests.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        // `*.unit.test.ts(x)`: no database, no network server of ours; `npm run test:fast`.
        extends: true,
        test: { name: "unit", include: ["**/*.unit.test.ts", "**/*.unit.test.tsx"], exclude },
      },
      {
        // Every other test: a real Postgres (the global setup's own cluster, or DATABASE_URL).
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.unit.test.ts", "**/*.unit.test.tsx"],
          globalSetup: ["test/global-setup.ts"],
          // The app's guarded fetch dials loopback only (a broken guard fails, never leaves the machine).
          setupFiles: ["test/loopback-only-outbound.ts"],
        },
      },
    ],
  },
});
