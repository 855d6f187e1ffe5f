import type { NextRequest } from "next/server";
import { publicEnv } from "@/lib/env/public";
import { contentSecurityPolicy, newNonce } from "@/lib/security/headers";
import { updateSession } from "@/lib/supabase/proxy";

export async function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    supabaseUrl: publicEnv.NEXT_PUBLIC_SUPABASE_URL,
    development: process.env.NODE_ENV === "development",
  });
  // Next.js reads the nonce from the request's policy and puts it on every script it renders.
  request.headers.set("Content-Security-Policy", csp);
  const response = await updateSession(request);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but static files and images.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)"],
};
