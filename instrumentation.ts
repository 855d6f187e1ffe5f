// Runs once when the Next.js server starts (`next start`, `next dev`, each Vercel function
// instance): a missing or malformed variable stops it here, with one message naming each.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkBuiltPublicEnv, getServerEnv } = await import("./server/env");
  const { EnvError } = await import("./lib/env/parse");
  try {
    const env = getServerEnv();
    if (env.NODE_ENV === "production") checkBuiltPublicEnv(env);
  } catch (error) {
    if (!(error instanceof EnvError) || process.env.NODE_ENV !== "production") throw error;
    console.error(`Tryliate cannot start. ${error.message}`);
    process.exit(1);
  }
}
