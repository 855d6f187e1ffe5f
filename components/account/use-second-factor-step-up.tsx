"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { needsSecondFactor, stepUpWithCode } from "@/lib/supabase/step-up";
import { CodeField } from "./auth-fields";

/** What a change came to: its own result, or a pause while the form asks for the authenticator code. */
export type SteppedUp<T> = T | { status: "code-needed" };

/**
 * For changes Auth allows only at AAL2 once a second factor is on (the email address, the
 * password): `run` makes the change; when Auth answers `insufficient_aal` the form shows an
 * authenticator code field instead of an error, and the next `run` first lifts the session with
 * that code, then makes the change again.
 */
export function useSecondFactorStepUp() {
  const [asking, setAsking] = useState(false);
  const [code, setCode] = useState("");

  async function run<T extends object>(change: () => Promise<T>): Promise<SteppedUp<T> | { error: unknown }> {
    if (asking) {
      const stepped = await stepUpWithCode(createBrowserSupabase().auth, code.trim());
      if (stepped.error) {
        setCode("");
        return { error: stepped.error };
      }
      setAsking(false);
      setCode("");
    }
    const result = await change();
    if ("error" in result && needsSecondFactor(result.error)) {
      setAsking(true);
      return { status: "code-needed" };
    }
    return result;
  }

  const field = asking ? (
    <>
      <Alert tone="info" title="Confirm with your authenticator app">
        Your account has two-factor sign-in, and this session has not used it yet. Enter the 6-digit code your
        authenticator app shows, then save again.
      </Alert>
      <CodeField label="Authentication code" value={code} onChange={setCode} autoFocus />
    </>
  ) : null;

  return { run, field };
}

/** Whether `run` paused to ask for the code. */
export function codeNeeded(outcome: object): outcome is { status: "code-needed" } {
  return "status" in outcome && outcome.status === "code-needed";
}
