import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { AdminStatsCard } from "@/components/account/admin-stats";
import { ProfileForm } from "@/components/account/profile-form";
import { serverApi } from "@/server/trpc/rsc";
import styles from "./account.module.css";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const api = await serverApi();
  const [profile, adminStats] = await Promise.all([
    api.users.me(),
    // Administrators also see instance-wide counts; everyone else is FORBIDDEN, so nothing shows.
    api.users.adminStats().catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
      throw error;
    }),
  ]);
  return (
    <div className={styles.page}>
      <header className={styles.heading}>
        <h1 className={styles.title}>Account</h1>
        <p className={styles.subtitle}>How you appear to collaborators on shared canvases.</p>
      </header>
      <section className={styles.card} aria-labelledby="profile-heading">
        <h2 id="profile-heading" className={styles.cardTitle}>
          Profile
        </h2>
        <ProfileForm
          initial={{
            email: profile.email,
            displayName: profile.displayName,
            avatarUrl: profile.avatarUrl,
            color: profile.color,
          }}
        />
      </section>
      {adminStats ? <AdminStatsCard stats={adminStats} /> : null}
      <p className={styles.meta}>Member since {profile.createdAt.toLocaleDateString("en", { dateStyle: "long" })}</p>
    </div>
  );
}
