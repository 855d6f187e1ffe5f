"use client";

import type { Factor } from "@supabase/supabase-js";
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { qrCodeSource } from "@/lib/supabase/qr-code-source";
import { authErrorMessage } from "./auth-error-message";
import { CodeField } from "./auth-fields";
import styles from "./settings.module.css";
import { useAuthSubmit } from "./use-auth-submit";

type Enrollment = { factorId: string; qrCode: string; secret: string };

/** TOTP factors: list, add (QR code, then a first code proves the app has it), remove. */
export function TwoFactorSettings() {
  const router = useRouter();
  const [factors, setFactors] = useState<Factor[] | null>(null);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const { pending: busy, failure, setFailure, submit, done } = useAuthSubmit();

  const reload = useCallback(async () => {
    const { data, error } = await createBrowserSupabase().auth.mfa.listFactors();
    if (error) throw error;
    setFactors(data.all.filter((factor) => factor.factor_type === "totp" && factor.status === "verified"));
  }, []);

  useEffect(() => {
    reload().catch((error: unknown) => setFailure(authErrorMessage(error)));
  }, [reload, setFailure]);

  // Each action throws what Auth answers; the form shows it and stays as it was.
  async function run(action: () => Promise<void>) {
    const finished = await submit(async () => {
      await action();
      return { error: null };
    });
    if (finished) done();
  }

  const enroll = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    return run(async () => {
      const friendlyName = name.trim() || undefined;
      const { data, error } = await createBrowserSupabase().auth.mfa.enroll({
        factorType: "totp",
        friendlyName,
      });
      if (error) throw error;
      setEnrollment({ factorId: data.id, qrCode: data.totp.qr_code, secret: data.totp.secret });
    });
  };

  const verify = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!enrollment) return;
    return run(async () => {
      const auth = createBrowserSupabase().auth;
      const { error } = await auth.mfa.challengeAndVerify({
        factorId: enrollment.factorId,
        code: code.trim(),
      });
      if (error) {
        setCode("");
        throw error;
      }
      setEnrollment(null);
      setName("");
      setCode("");
      await reload();
      router.refresh();
    });
  };

  const remove = (factorId: string) =>
    run(async () => {
      const { error } = await createBrowserSupabase().auth.mfa.unenroll({ factorId });
      if (error) throw error;
      if (enrollment?.factorId === factorId) setEnrollment(null);
      await reload();
      router.refresh();
    });

  return (
    <div className={styles.form}>
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      {factors?.length ? (
        <ul className={styles.list} aria-label="Authenticator apps">
          {factors.map((factor) => (
            <li key={factor.id} className={styles.item}>
              <div>
                <p className={styles.itemName}>{factor.friendly_name || "Authenticator app"}</p>
                <p className={styles.itemMeta}>
                  Added {new Date(factor.created_at).toLocaleDateString("en")}
                </p>
              </div>
              <Button variant="secondary" size="sm" disabled={busy} onClick={() => remove(factor.id)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : factors ? (
        <p className={styles.current}>Two-factor sign-in is off. Add an authenticator app to turn it on.</p>
      ) : null}

      {enrollment ? (
        <form className={styles.form} method="post" onSubmit={verify} aria-label="Verify authenticator">
          {/* biome-ignore lint/performance/noImgElement: a data: URL SVG from Auth, nothing to optimise */}
          <img
            className={styles.qr}
            src={qrCodeSource(enrollment.qrCode)}
            alt="QR code to scan with your authenticator app"
          />
          <p className={styles.current}>
            Scan it, or type this key into the app:{" "}
            <span className={styles.secret} data-testid="totp-secret">
              {enrollment.secret}
            </span>
          </p>
          <CodeField label="Code from the app" value={code} onChange={setCode} />
          <div className={styles.actions}>
            <Button variant="ghost" disabled={busy} onClick={() => remove(enrollment.factorId)}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Verify and turn on
            </Button>
          </div>
        </form>
      ) : (
        <form className={styles.form} method="post" onSubmit={enroll} aria-label="Add authenticator">
          <TextField
            label="Authenticator name"
            name="friendlyName"
            maxLength={60}
            placeholder="My phone"
            value={name}
            onChange={(event) => setName(event.target.value)}
            hint="Optional; tells your authenticators apart."
          />
          <div className={styles.actions}>
            <Button type="submit" variant="secondary" loading={busy}>
              Add authenticator app
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
