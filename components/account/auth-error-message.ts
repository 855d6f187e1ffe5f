import { isAuthError, isAuthRetryableFetchError, isAuthWeakPasswordError } from "@supabase/supabase-js";

export type AuthFailure = { message: string; field?: "email" | "password" };

/** Turns an Auth server error into something a person can act on. */
export function authErrorMessage(error: unknown): AuthFailure {
  if (isAuthRetryableFetchError(error) || error instanceof TypeError) {
    return { message: "We can't reach the sign-in service right now. Check your connection and try again." };
  }
  if (isWebAuthnError(error)) {
    return { message: "Your browser did not finish with the passkey or security key. Try again." };
  }
  if (isAuthWeakPasswordError(error)) {
    return { message: weakPasswordMessage(error.reasons, error.message), field: "password" };
  }
  if (isAuthError(error)) {
    switch (error.code) {
      case "invalid_credentials":
        return {
          message: "That email and password don't match. Check them and try again.",
          field: "password",
        };
      case "user_already_exists":
      case "email_exists":
        return { message: "An account with this email already exists. Sign in instead.", field: "email" };
      case "email_not_confirmed":
        return { message: "Confirm your email address first: we sent you a link.", field: "email" };
      case "email_address_invalid":
      case "validation_failed":
        return { message: error.message || "Check the email address and password.", field: "email" };
      case "signup_disabled":
        return { message: "New sign-ups are turned off for this workspace." };
      case "over_request_rate_limit":
      case "over_email_send_rate_limit":
        return { message: "Too many attempts. Wait a minute, then try again." };
      case "same_password":
        return { message: "That is your current password. Choose a new one.", field: "password" };
      case "otp_expired":
        return { message: "That code has expired or was used already. Ask for a new one." };
      case "otp_disabled":
        return {
          message: "We can't email a sign-in link to this address. Check it, or create an account.",
          field: "email",
        };
      case "mfa_verification_failed":
      case "mfa_challenge_expired":
        return { message: "That code is not right. Enter the 6 digits your authenticator app shows now." };
      case "mfa_factor_name_conflict":
        return { message: "You already have an authenticator with this name. Choose another name." };
      case "too_many_enrolled_mfa_factors":
        return { message: "You have as many authenticators as allowed. Remove one first." };
      case "mfa_totp_enroll_not_enabled":
      case "mfa_totp_verify_not_enabled":
        return { message: "Two-factor sign-in is turned off for this workspace." };
      case "reauthentication_needed":
      case "reauth_nonce_missing":
        return { message: "For your security, confirm it's you: enter the code we just emailed you." };
      case "reauthentication_not_valid":
        return { message: "That confirmation code is not right or has expired. Ask for a new one." };
      case "webauthn_verification_failed":
      case "webauthn_challenge_expired":
      case "webauthn_challenge_not_found":
        return {
          message: "That passkey or security key was not accepted. Try again, or sign in another way.",
        };
      case "webauthn_credential_exists":
        return { message: "This passkey is already registered." };
      case "too_many_passkeys":
        return { message: "You have as many passkeys as allowed. Remove one first." };
      case "passkey_disabled":
        return { message: "Passkeys are turned off for this workspace." };
      case "mfa_webauthn_enroll_not_enabled":
      case "mfa_webauthn_verify_not_enabled":
        return { message: "Security keys are turned off for this workspace." };
      case "anonymous_provider_disabled":
        return { message: "Trying Tryliate without an account is turned off for this workspace." };
      case "insufficient_aal":
        return { message: "Enter a code from your authenticator app first, then try again." };
    }
    if ((error.status ?? 0) >= 500) {
      return { message: "The sign-in service had a problem. Try again in a moment." };
    }
    return { message: error.message || "Something went wrong. Try again." };
  }
  return { message: "Something went wrong. Try again." };
}

/** auth-js's WebAuthnError: the browser's ceremony failed or was cancelled. */
function isWebAuthnError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "__isWebAuthnError" in error;
}

function weakPasswordMessage(reasons: readonly string[], fallback: string): string {
  // The server's own message names its minimum length ("Password should be at least 6 characters.").
  if (reasons.includes("length")) return fallback || "Choose a longer password.";
  if (reasons.includes("pwned")) return "This password has appeared in a data breach. Choose another one.";
  if (reasons.includes("characters")) return "Use a mix of letters, numbers and symbols in your password.";
  return fallback || "Choose a stronger password.";
}
