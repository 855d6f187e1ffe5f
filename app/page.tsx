import Link from "next/link";
import { redirect } from "next/navigation";
import { LazyProductPreview } from "@/components/landing/lazy-product-preview";
import { Logo } from "@/components/ui/logo";
import { createServerSupabase } from "@/lib/supabase/server";
import { oauthProblem, problemPath } from "@/server/account/link-outcome";
import styles from "./landing.module.css";

const FEATURES = [
  {
    title: "One canvas, every MCP server",
    text: "Pick tools from the registry or your own servers; their schemas become forms, and each call uses your own encrypted credentials.",
  },
  {
    title: "Live for everyone editing",
    text: "Moves, edits and run progress reach every open tab within a moment, through Supabase Realtime.",
  },
  {
    title: "Durable runs, every step logged",
    text: "Runs checkpoint each step in Postgres and pick up where they stopped; the log keeps each input, output and error.",
  },
];

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
      <section className={styles.product} aria-label="The product">
        <LazyProductPreview />
        <ul className={styles.features}>
          {FEATURES.map((feature) => (
            <li key={feature.title} className={styles.feature}>
              <h2>{feature.title}</h2>
              <p>{feature.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
