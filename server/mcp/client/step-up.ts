import { extractWWWAuthenticateParams } from "@modelcontextprotocol/sdk/client/auth.js";
import type { GuardedFetch } from "./guarded-fetch";

/** The server wants scopes the user's token lacks (403 insufficient_scope); recorded, then thrown. */
export class InsufficientScopeError extends Error {
  constructor(readonly scope: string | undefined) {
    super(`The server asks for more access${scope ? ` (${scope})` : ""}.`);
    this.name = "InsufficientScopeError";
  }
}

/**
 * A fetch that notices a 403 `insufficient_scope`, hands its `scope` to `record` (kept on the
 * connection, so the next connect asks for it) and stops the request there: a step-up needs the
 * person to grant more in the browser, which a background call cannot do.
 */
export function noticingStepUp(fetch: GuardedFetch, record: (scope: string) => Promise<void>): GuardedFetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status !== 403) return response;
    const { error, scope } = extractWWWAuthenticateParams(response);
    if (error !== "insufficient_scope") return response;
    await response.body?.cancel().catch(() => {});
    if (scope) await record(scope);
    throw new InsufficientScopeError(scope);
  };
}
