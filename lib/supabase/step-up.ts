import { isAuthError, type SupabaseClient } from "@supabase/supabase-js";

/** Whether Auth refused a change because this session has not used the account's second factor. */
export function needsSecondFactor(error: unknown): boolean {
  return isAuthError(error) && error.code === "insufficient_aal";
}

/**
 * Lifts the session to AAL2 with a code from the user's authenticator app (their first verified
 * TOTP factor), as the sign-in prompt does; Auth then allows email and password changes.
 */
export async function stepUpWithCode(
  auth: SupabaseClient["auth"],
  code: string,
): Promise<{ error: unknown }> {
  const { data, error } = await auth.mfa.listFactors();
  if (error) return { error };
  const factor = data.totp[0];
  if (!factor) return { error: new Error("This account has no authenticator app to confirm with.") };
  return auth.mfa.challengeAndVerify({ factorId: factor.id, code });
}
