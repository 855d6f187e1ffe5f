// npm run dev — the whole stack on the embedded defaults: Postgres (migrated), the local
// Supabase (Auth + Realtime) and Next.js. `--prod` builds and serves the production app instead;
// `--prod --as-deployment` starts it as a deployment is started: every variable set explicitly and
// no local-stack marker, so no local default applies (the local stack stands in for Supabase).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { DEFAULT_SUPABASE_PORT } from "../../lib/env/defaults";
import { generateKeyEntry } from "../app-code";
import { localStackConfig } from "../config";
import { DATA_DIR, PROJECT_ROOT, prepareDatabase } from "../db/prepare";
import { registerDemoServers, startDemoServers } from "../mcp/demo-servers";
import { startLocalSupabase } from "../server";
import { ensureDemoUser } from "./demo-user";
import { type Supervised, supervise } from "./supervise";

const production = process.argv.includes("--prod");
const asDeployment = production && process.argv.includes("--as-deployment");
const appPort = Number(process.env.PORT ?? 3000);
const supabasePort = Number(process.env.TRYLIATE_SUPABASE_PORT ?? DEFAULT_SUPABASE_PORT);
const log = (line: string) => console.log(`[tryliate] ${line}`);
// Auth emails link back to this app, and its sign-in page offers the local OpenID provider as
// GitHub and Google, passkeys and WebAuthn keys; the environment may say otherwise
// (local/auth/README.md, "Settings").
process.env.TRYLIATE_AUTH_SITE_URL ||= `http://localhost:${appPort}`;
process.env.TRYLIATE_AUTH_EXTERNAL_PROVIDERS ??= "email,github,google";
process.env.TRYLIATE_AUTH_PASSKEY_ENABLED ??= "true";
process.env.TRYLIATE_AUTH_MFA_WEB_AUTHN_ENROLL_ENABLED ??= "true";
process.env.TRYLIATE_AUTH_MFA_WEB_AUTHN_VERIFY_ENABLED ??= "true";

const { database, stack, demo, mcpServers } = await startServices().catch((error: unknown) => {
  // A person starting the app gets one sentence, not a stack trace.
  log(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

async function startServices() {
  const database = await prepareDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, log });
  const stack = await startLocalSupabase(
    localStackConfig({
      databaseUrl: database.url,
      port: supabasePort,
      dataDir: path.join(DATA_DIR, "local-supabase"),
      // The app's own origins may call it from the browser (CORS), and those listed in the env.
      allowedOrigins: [
        `http://localhost:${appPort}`,
        `http://127.0.0.1:${appPort}`,
        ...(process.env.TRYLIATE_SUPABASE_ALLOWED_ORIGINS ?? "")
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      ],
    }),
  ).catch(async (error) => {
    await database.stop();
    throw error;
  });
  log(`Supabase (Auth + Realtime) at ${stack.url}`);
  log(`Inbox (every email the Auth server sends) at ${stack.inboxUrl}`);
  log(`OpenID provider standing in for GitHub and Google at ${stack.oidcUrl}`);
  const demo = await ensureDemoUser(stack.context.pool);
  const mcpServers = await startDemoServers(log).catch(async (error) => {
    await stack.close().catch(() => {});
    await database.stop();
    throw error;
  });
  await registerDemoServers(stack.context.pool, mcpServers, log);
  return { database, stack, demo, mcpServers };
}

const nextEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  NEXT_PUBLIC_SUPABASE_URL: stack.url,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: stack.context.config.publishableKey,
  SUPABASE_SECRET_KEY: stack.context.config.secretKey,
  // The local stack's own build and start: the embedded defaults are allowed (lib/env/parse.ts).
  // As a deployment: none is, so the keyring must be given too.
  ...(asDeployment
    ? { TRYLIATE_CREDENTIALS_KEYS: process.env.TRYLIATE_CREDENTIALS_KEYS || generateKeyEntry("stand-in") }
    : { TRYLIATE_LOCAL_STACK: "1", TRYLIATE_LOCAL_INBOX_URL: stack.inboxUrl }),
  // The app may reach its own loopback demo MCP servers (and what the environment already allows).
  TRYLIATE_MCP_ALLOWED_HOSTS: [process.env.TRYLIATE_MCP_ALLOWED_HOSTS, ...mcpServers.allowedHosts]
    .filter(Boolean)
    .join(","),
  NEXT_TELEMETRY_DISABLED: "1",
};
const nextBin = path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");
let next: Supervised | undefined;

function runNext(args: string[]): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: PROJECT_ROOT, env: nextEnv, stdio: "inherit" });
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next?.release();
  next?.current().kill("SIGTERM");
  await mcpServers.stop().catch(() => {});
  await stack.close().catch(() => {});
  await database.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

if (production) {
  log("Building the app (next build)…");
  const build = runNext(["build"]);
  const status = await new Promise<number>((resolve) => build.on("exit", (code) => resolve(code ?? 1)));
  if (status !== 0) {
    log("next build failed");
    await shutdown(status);
  }
}
// A crash of the app restarts the app; the database and the local Supabase stay up meanwhile.
next = supervise({
  name: "Next.js",
  log,
  start: () => runNext(production ? ["start", "-p", String(appPort)] : ["dev", "-p", String(appPort)]),
  onGiveUp: (code) => void shutdown(code),
});

await waitForHttp(`http://127.0.0.1:${appPort}/login`);
log(`Tryliate is ready at http://localhost:${appPort}`);
log(`Demo login: ${demo.email} / ${demo.password}`);
log("Press Ctrl-C to stop everything.");

async function waitForHttp(url: string) {
  for (let attempt = 0; attempt < 600 && !stopping; attempt++) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
