import { NextResponse } from "next/server";
import { getAppPrisma } from "@/server/db/app-prisma";
import { getServerEnv } from "@/server/env";
import { checkHealth, MIGRATIONS_DIR } from "@/server/health/checks";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 when the deployment can serve users, 503 naming what is wrong. */
export async function GET() {
  const report = await checkHealth({
    prisma: getAppPrisma(),
    supabaseUrl: getServerEnv().NEXT_PUBLIC_SUPABASE_URL,
    migrationsDir: MIGRATIONS_DIR,
  });
  return NextResponse.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
