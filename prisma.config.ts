import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./lib/env/defaults";

// Used by the Prisma CLI only (generate, and migrate on machines with Prisma's engines).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL },
});
