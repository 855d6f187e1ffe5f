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

type Enrollment = { factorId: string; qrCode: string; secret: string };

/**
 * TOTP factors: list, add (QR code, then a first code proves the app has it), remove; and, with
 * `securityKeys`, WebAuthn factors (a security key or the device's own authenticator).
 */
export function TwoFactorSettings({ securityKeys = false }: { securityKeys?: boolean }) {
  const router = useRouter();
  const [factors, setFactors] = useState<Factor[] | null>(null);
  const [keys, setKeys] = useState<Factor[]>([]);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const { data, error } = await createBrowserSupabase().auth.mfa.listFactors();
    if (error) throw error;
    setFactors(data.totp);
    setKeys(data.webauthn);
  }, []);

  useEffect(() => {
    reload().catch((error: unknown) => setFailure(authErrorMessage(error).message));
  }, [reload]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(authErrorMessage(error).message);
    } finally {
      setBusy(false);
    }
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

  const addKey = () =>
    run(async () => {
      const friendlyName = name.trim() || `Security key ${keys.length + 1}`;
      const { error } = await createBrowserSupabase().auth.mfa.webauthn.register({ friendlyName });
      if (error) throw error;
      setName("");
      await reload();
      router.refresh();
    });

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
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <FactorList
        label="Authenticator apps"
        unnamed="Authenticator app"
        factors={factors ?? []}
        busy={busy}
        onRemove={remove}
      />
      <FactorList label="Security keys" unnamed="Security key" factors={keys} busy={busy} onRemove={remove} />
      {factors && !factors.length && !keys.length ? (
        <p className={styles.current}>
          Two-factor sign-in is off. Add an authenticator app{securityKeys ? " or a security key" : ""} to
          turn it on.
        </p>
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
            {securityKeys ? (
              <Button variant="secondary" disabled={busy} onClick={addKey}>
                Add security key
              </Button>
            ) : null}
            <Button type="submit" variant="secondary" loading={busy}>
              Add authenticator app
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

/** One kind of verified factor, each with its Remove button. */
function FactorList({
  label,
  unnamed,
  factors,
  busy,
  onRemove,
}: {
  label: string;
  unnamed: string;
  factors: Factor[];
  busy: boolean;
  onRemove: (factorId: string) => void;
}) {
  if (!factors.length) return null;
  return (
    <ul className={styles.list} aria-label={label}>
      {factors.map((factor) => (
        <li key={factor.id} className={styles.item}>
          <div>
            <p className={styles.itemName}>{factor.friendly_name || unnamed}</p>
            <p className={styles.itemMeta}>Added {new Date(factor.created_at).toLocaleDateString("en")}</p>
          </div>
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => onRemove(factor.id)}>
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}
