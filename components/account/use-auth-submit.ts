"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { type AuthFailure, authErrorMessage } from "./auth-error-message";

/**
 * The pending flag and the message of an auth form. `submit` runs one Auth call: an error it
 * returns or throws becomes the message and it resolves false; on success the form stays
 * pending until it calls `done` or leaves with `goTo`.
 */
export function useAuthSubmit() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);

  async function submit(call: () => Promise<{ error: unknown }>): Promise<boolean> {
    setPending(true);
    setFailure(null);
    const { error } = await call().catch((caught: unknown) => ({ error: caught }));
    if (!error) return true;
    setFailure(authErrorMessage(error));
    setPending(false);
    return false;
  }

  /** Opens a page whose server components must see the new session cookie. */
  function goTo(path: string) {
    router.replace(path);
    router.refresh();
  }

  return { pending, failure, setFailure, submit, done: () => setPending(false), goTo };
}
