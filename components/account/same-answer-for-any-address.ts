import { isAuthError, isAuthRetryableFetchError } from "@supabase/supabase-js";

/** No answer shows sooner than this after the request, whether Auth sent an email or not. */
export const NEUTRAL_ANSWER_MS = 1500;

// Refusals about what was typed (the same for any address), which the person must see to fix it.
const INPUT_ERRORS = new Set(["validation_failed", "email_address_invalid", "weak_password"]);

function isInputOrNetworkError(error: unknown): boolean {
  if (isAuthRetryableFetchError(error) || error instanceof TypeError) return true;
  return isAuthError(error) && INPUT_ERRORS.has(error.code ?? "");
}

/**
 * For the pages that email someone who may or may not have an account (forgot password, sign-up,
 * magic link): Auth's answer can tell the two apart (a per-user send limit answers 429 for a known
 * address only, an unknown one may be refused or get nothing), so everything except a mistake in
 * what was typed, or no connection, ends as the same success, shown no sooner than
 * NEUTRAL_ANSWER_MS after the request.
 */
export async function sameAnswerForAnyAddress<T extends { error: unknown }>(
  call: () => Promise<T>,
): Promise<{ error: unknown; result: T | null }> {
  const started = Date.now();
  const result = await call().catch((caught: unknown) => ({ error: caught }) as T);
  const wait = started + NEUTRAL_ANSWER_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (result.error && isInputOrNetworkError(result.error)) return { error: result.error, result: null };
  return { error: null, result: result.error ? null : result };
}
