import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminStatsCard } from "@/components/account/admin-stats";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { EmailChangeForm } from "@/components/account/email-change-form";
import { KeepWorkForm } from "@/components/account/keep-work-form";
import { PasskeySettings } from "@/components/account/passkey-settings";
import { PasswordChangeForm } from "@/components/account/password-change-form";
import { ProfileForm } from "@/components/account/profile-form";
import { TwoFactorSettings } from "@/components/account/two-factor-settings";
import { Alert } from "@/components/ui/alert";
import { createServerSupabase } from "@/lib/supabase/server";
import { signInOptions } from "@/server/account/providers";
import { serverApi } from "@/server/api/rsc";
import { appCodeOfCall } from "@/server/platform/errors/errors";
import styles from "./account.module.css";

export const metadata: Metadata = { title: "Account" };

// Set by /auth/confirm after an email-change link; fixed texts, nothing from the URL is shown.
const NOTICES = {
  "email-changed": "Your email address is changed.",
  "email-change-half":
    "Address confirmed. Open the link sent to your other address too to finish the change.",
} as const;

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string | string[] }>;
}) {
  const api = await serverApi();
  const supabase = await createServerSupabase();
  const [profile, adminStats, { data: auth }, { notice }, { passkeys }] = await Promise.all([
    api.users.me(),
    // Administrators also see instance-wide counts; everyone else is FORBIDDEN, so nothing shows.
    api.users.adminStats().catch((error: unknown) => {
      if (appCodeOfCall(error) === "auth.admin_only") return null;
      throw error;
    }),
    // From the Auth server (not the cookie): the current and the pending address.
    supabase.auth.getUser(),
    searchParams,
    signInOptions(),
  ]);
  // Someone trying the app anonymously has no address, password or factors yet: only keeping the work.
  const anonymous = auth.user?.is_anonymous === true;
  const noticeText =
    typeof notice === "string" && Object.hasOwn(NOTICES, notice)
      ? NOTICES[notice as keyof typeof NOTICES]
      : null;
  return (
    <div className={styles.page}>
      <header className={styles.heading}>
        <h1 className={styles.title}>Account</h1>
        <p className={styles.subtitle}>How you appear to collaborators, and how you sign in.</p>
      </header>
      {noticeText ? <Alert tone="success">{noticeText}</Alert> : null}
      {anonymous ? (
        <Card id="keep" title="Keep your work">
          <KeepWorkForm pendingEmail={auth.user?.new_email ?? null} />
        </Card>
      ) : null}
      <Card id="profile" title="Profile">
        <ProfileForm
          initial={{
            email: profile.email,
            displayName: profile.displayName,
            avatarUrl: profile.avatarUrl,
            color: profile.color,
          }}
        />
      </Card>
      {anonymous ? null : (
        <>
          <Card id="email" title="Email address">
            <EmailChangeForm
              email={auth.user?.email ?? profile.email}
              pendingEmail={auth.user?.new_email ?? null}
            />
          </Card>
          <Card id="password" title="Password">
            <PasswordChangeForm />
          </Card>
          {passkeys ? (
            <Card id="passkeys" title="Passkeys">
              <PasskeySettings />
            </Card>
          ) : null}
          <Card id="two-factor" title="Two-factor sign-in">
            <TwoFactorSettings securityKeys={passkeys} />
          </Card>
        </>
      )}
      {adminStats ? <AdminStatsCard stats={adminStats} /> : null}
      <Card id="delete" title="Delete account">
        <DeleteAccountForm />
      </Card>
      <p className={styles.meta}>
        Member since {profile.createdAt.toLocaleDateString("en", { dateStyle: "long" })}
      </p>
    </div>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className={styles.card} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.cardTitle}>
        {title}
      </h2>
      {children}
    </section>
  );
}
