"use client";

import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { authErrorMessage } from "./auth-error-message";
import styles from "./settings.module.css";

type Passkey = { id: string; friendly_name?: string; created_at: string; last_used_at?: string };

/** The user's passkeys: list, add (the browser creates one for this site), remove. */
export function PasskeySettings() {
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const { data, error } = await createBrowserSupabase().auth.passkey.list();
    if (error) throw error;
    setPasskeys(data as Passkey[]);
  }, []);

  useEffect(() => {
    reload().catch((error: unknown) => setFailure(authErrorMessage(error).message));
  }, [reload]);

  async function run(action: () => Promise<{ error: unknown }>) {
    setBusy(true);
    setFailure(null);
    try {
      const { error } = await action();
      if (error) throw error;
      await reload();
    } catch (error) {
      setFailure(authErrorMessage(error).message);
    } finally {
      setBusy(false);
    }
  }

  const auth = () => createBrowserSupabase().auth;
  return (
    <div className={styles.form}>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {passkeys?.length ? (
        <ul className={styles.list} aria-label="Passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className={styles.item}>
              <div>
                <p className={styles.itemName}>{passkey.friendly_name || "Passkey"}</p>
                <p className={styles.itemMeta}>
                  Added {new Date(passkey.created_at).toLocaleDateString("en")}
                  {passkey.last_used_at
                    ? `, last used ${new Date(passkey.last_used_at).toLocaleDateString("en")}`
                    : ""}
                </p>
              </div>
              <Button
                variant="secondary"
                size="sm"
                disabled={busy}
                onClick={() => run(() => auth().passkey.delete({ passkeyId: passkey.id }))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : passkeys ? (
        <p className={styles.current}>
          No passkeys yet. A passkey signs you in with your device's screen lock, without a password.
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button variant="secondary" loading={busy} onClick={() => run(() => auth().registerPasskey())}>
          Add a passkey
        </Button>
      </div>
    </div>
  );
}
