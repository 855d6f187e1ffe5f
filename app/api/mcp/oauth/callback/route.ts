import { sessionMeetsMfa } from "@/server/account/second-factor";
import { appOrigin, requestOrigin } from "@/server/mcp/client/app-origin";
import { completeOAuth, oauthCallbackProblem } from "@/server/mcp/connections/connections";
import { withRls } from "@/server/platform/db/with-rls";
import { isAppError } from "@/server/platform/errors/app-error";
import { createContext } from "@/server/platform/trpc/context";

/** Where the authorization server sends the user back: finishes OAuth for the signed-in user. */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const origin = appOrigin(requestOrigin(req));
  const { claims } = await createContext({ headers: req.headers });
  if (!claims?.sub) return Response.redirect(new URL("/login", origin), 303);
  const back = new URL("/connections", origin);
  const db = <T>(fn: Parameters<typeof withRls<T>>[1]) => withRls(claims, fn);
  // Storing credentials needs the second factor of a user who enrolled one (the page asks for it).
  if (!(await sessionMeetsMfa(claims)))
    return Response.redirect(new URL("/mfa?next=%2Fconnections", origin), 303);
  try {
    const result = await completeOAuth(
      db,
      claims.sub,
      {
        state: url.searchParams.get("state"),
        code: url.searchParams.get("code"),
        error: url.searchParams.get("error"),
      },
      { appOrigin: origin },
    );
    back.searchParams.set("connected", result.serverId);
  } catch (error) {
    if (!isAppError(error)) console.error("MCP OAuth callback failed:", (error as Error)?.name ?? "error");
    // A fixed code, worded by the page: no text of ours or the server's travels in the URL.
    back.searchParams.set("error", oauthCallbackProblem(error));
  }
  return Response.redirect(back, 303);
}
