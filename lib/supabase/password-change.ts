import type { SupabaseClient } from "@supabase/supabase-js";

export type PasswordChange =
  | { status: "changed" }
  | { status: "nonce-sent" }
  | { status: "failed"; error: unknown };

const NEEDS_NONCE = new Set(["reauthentication_needed", "reauth_nonce_missing"]);

/**
 * Sets the signed-in user's password. Where the project asks for reauthentication (secure
 * password change) and the session is not recent, Auth refuses without a nonce: then one is
 * emailed (`reauthenticate()`) and the caller asks for it and calls again with it.
 */
export async function changePassword(
  auth: SupabaseClient["auth"],
  password: string,
  nonce?: string,
): Promise<PasswordChange> {
  const { error } = await auth
    .updateUser(nonce ? { password, nonce } : { password })
    .catch((caught: unknown) => ({ error: caught }));
  if (!error) return { status: "changed" };
  const code = (error as { code?: unknown }).code;
  if (nonce || typeof code !== "string" || !NEEDS_NONCE.has(code)) return { status: "failed", error };
  const sent = await auth.reauthenticate().catch((caught: unknown) => ({ error: caught }));
  return sent.error ? { status: "failed", error: sent.error } : { status: "nonce-sent" };
}
