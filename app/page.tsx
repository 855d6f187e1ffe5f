import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import { createServerSupabase } from "@/lib/supabase/server";
import { oauthProblem, problemPath } from "@/server/account/link-outcome";
import styles from "./landing.module.css";

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Auth sends failures it cannot tie to a redirect_to (e.g. a forged OAuth state) to the Site URL.
  const { error, error_code: errorCode } = await searchParams;
  if (typeof error === "string")
    redirect(problemPath(oauthProblem(typeof errorCode === "string" ? errorCode : error, null)));
  const supabase = await createServerSupabase();
  const { data } = await supabase.auth.getClaims().catch(() => ({ data: null }));
  if (data?.claims?.sub) redirect("/workflows");

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Logo />
        <nav className={styles.nav}>
          <Link href="/login" className={styles.secondary}>
            Sign in
          </Link>
          <Link href="/signup" className={styles.primary}>
            Get started
          </Link>
        </nav>
      </header>
      <main className={styles.hero}>
        <p className={styles.eyebrow}>Workflow orchestration for MCP tools</p>
        <h1 className={styles.title}>Draw the flow. Run it. Watch every step.</h1>
        <p className={styles.lead}>
          Tryliate connects tools from any MCP server on one canvas. Everyone editing sees each change live,
          and every run is logged step by step — on your own Supabase.
        </p>
        <div className={styles.actions}>
          <Link href="/signup" className={styles.primary}>
            Create a free account
          </Link>
          <Link href="/login" className={styles.secondary}>
            I already have an account
          </Link>
        </div>
      </main>
    </div>
  );
}
