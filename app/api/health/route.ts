import { NextResponse } from "next/server";
import { checkHealth, MIGRATIONS_DIR } from "@/server/api/health/checks";
import { getAppPrisma } from "@/server/platform/db/app-prisma";
import { getServerEnv } from "@/server/platform/env/env";

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
