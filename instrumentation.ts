// Runs once when the Next.js server starts (`next start`, `next dev`, each Vercel function
// instance): a missing or malformed variable stops it here, with one message naming each.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentAtStart } = await import("./server/startup");
    checkEnvironmentAtStart();
  }
}
