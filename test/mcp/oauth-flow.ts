import { expect } from "vitest";
import { completeOAuth } from "@/server/mcp/connections/connections";
import { withRls } from "@/server/platform/db/with-rls";
import type { TestUser } from "@/test/users";
import { APP_ORIGIN, callerFor } from "./caller";

/** Follows the authorization URL as a browser would, up to our callback; returns its query. */
export async function authorizeInBrowser(authorizationUrl: string): Promise<URLSearchParams> {
  const response = await fetch(authorizationUrl, { redirect: "manual" });
  const location = response.headers.get("location") ?? "";
  const callback = new URL(location);
  expect(callback.origin + callback.pathname).toBe(`${APP_ORIGIN}/api/mcp/oauth/callback`);
  return callback.searchParams;
}

/** The app's OAuth callback for `user` with the authorization server's answer. */
export function finish(user: TestUser, query: URLSearchParams) {
  return completeOAuth(
    (fn) => withRls(user.claims, fn),
    user.id,
    { state: query.get("state"), code: query.get("code"), error: query.get("error") },
    { appOrigin: APP_ORIGIN },
  );
}

/** Connects `user` to an OAuth server all the way: connect, authorize, callback. */
export async function connectWithOAuth(user: TestUser, serverId: string) {
  const started = await callerFor(user).connections.connect({ serverId, kind: "oauth" });
  if (started.status !== "redirect") throw new Error("expected a redirect to the authorization server");
  return finish(user, await authorizeInBrowser(started.authorizationUrl));
}
