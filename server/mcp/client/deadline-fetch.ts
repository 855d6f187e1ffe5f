import { type GuardedFetch, guardedFetch, OutboundError } from "./guarded-fetch";

/** How long one OAuth request (metadata, registration, token, refresh, revocation) may take, whole. */
export function oauthDeadlineMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.TRYLIATE_MCP_OAUTH_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 10_000;
}

/**
 * A fetch whose every request, its body read to the end, finishes within `deadlineMs` or fails
 * with a sentence naming the host: for OAuth requests, whose answers are small documents, so that
 * a server dripping bytes cannot hold a Connect click or the OAuth callback open.
 */
export function withDeadline(
  fetch: GuardedFetch = guardedFetch,
  deadlineMs = oauthDeadlineMs(),
): GuardedFetch {
  return async (input, init = {}) => {
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await fetch(input, { ...init, signal });
      const body = [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (deadline.aborted && !init.signal?.aborted) {
        const host = URL.parse(String(input))?.host ?? "The server";
        throw new OutboundError(`${host} did not finish answering within ${deadlineMs / 1000} s.`, {
          cause: error,
        });
      }
      throw error;
    }
  };
}
