// Runs once when the Next.js server starts: a bad environment fails here, naming the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getServerEnv } = await import("./server/env");
    getServerEnv();
  }
}
