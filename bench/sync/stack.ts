import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServerClient } from "@supabase/ssr";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { type LocalStackConfig, localStackConfig } from "../../local/config";
import { applySupabaseBaseline } from "../../local/db/baseline";
import { recreateDatabase, startEmbeddedPostgres } from "../../local/db/embedded";
import { DATA_DIR } from "../../local/db/prepare";
import { startLocalSupabase } from "../../local/server";
import type { AppRouter } from "../../server/api/root";
import { migrate } from "../../server/platform/db/migrator";

const DB_PORT = 55230;
const SUPABASE_PORT = 55231;

export type StackOptions = {
  dbPort?: number;
  supabasePort?: number;
  /** Names the data folder and database, so benches never share them. */
  name?: string;
  /** Route handlers beside tRPC, by path (the app's own `app/api/...` handlers). */
  routes?: Record<string, (req: Request) => Promise<Response>>;
  /**
   * Runs the local Supabase in a child process, as `npm run dev` does, so its Realtime work does
   * not share the app server's event loop (which a bench of the app's own overhead would count).
   */
  supabaseInOwnProcess?: boolean;
};

/**
 * The whole path of a save and its echo, in one process: embedded Postgres, the local Supabase
 * (Auth + Realtime), and the app's own tRPC router and request context behind an HTTP server.
 */
export async function startSyncStack(options: StackOptions = {}) {
  const name = options.name ?? "sync";
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, `postgres-bench-${name}`),
    port: options.dbPort ?? DB_PORT,
  });
  const databaseUrl = await recreateDatabase(postgres.url, `tryliate_bench_${name}`);
  await applySupabaseBaseline(databaseUrl);
  await migrate(databaseUrl);
  const config = localStackConfig({
    databaseUrl,
    port: options.supabasePort ?? SUPABASE_PORT,
    dataDir: mkdtempSync(path.join(tmpdir(), `tryliate-${name}-`)),
    // Side services on free ports, so a bench runs beside `npm run dev`.
    inboxPort: 0,
    smtpPort: 0,
    oidcPort: 0,
  });
  // Bench users sign up and go straight on, signed in.
  config.auth.mailerAutoconfirm = true;
  const supabase = options.supabaseInOwnProcess
    ? await startSupabaseProcess(config)
    : await startLocalSupabase(config);
  // The app reads its configuration at import: point it at this stack first.
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXT_PUBLIC_SUPABASE_URL = supabase.url;
  process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = config.publishableKey;
  const { fetchRequestHandler } = await import("@trpc/server/adapters/fetch");
  const { appRouter } = await import("../../server/api/root");
  const { createContext } = await import("../../server/platform/trpc/context");

  const api = createServer(async (req, res) => {
    const request = await toFetchRequest(req);
    const route = options.routes?.[new URL(request.url).pathname];
    const response = route
      ? await route(request)
      : await fetchRequestHandler({
          endpoint: "/api/trpc",
          req: request,
          router: appRouter,
          createContext: () => createContext({ headers: request.headers }),
        });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    // Streamed as it comes, so a streamed answer's first bytes are not held back.
    const reader = response.body?.getReader();
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read())
      res.write(next.value);
    res.end();
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const apiUrl = `${appUrl}/api/trpc`;

  return {
    supabaseUrl: supabase.url,
    publishableKey: config.publishableKey,
    appUrl,
    apiUrl,
    async close() {
      api.closeAllConnections();
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await supabase.close();
      await postgres.stop?.();
    },
  };
}

export type SyncStack = Awaited<ReturnType<typeof startSyncStack>>;

/** The local Supabase in a child process (bench/sync/supabase-process.ts), with the same config. */
async function startSupabaseProcess(
  config: LocalStackConfig,
): Promise<{ url: string; close(): Promise<void> }> {
  const child = fork(path.join(import.meta.dirname, "supabase-process.ts"), {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = await new Promise<{ url: string }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { url: string }));
    child.once("exit", (code) =>
      reject(new Error(`the local Supabase process exited (${code}) before it started`)),
    );
    child.send(config);
  });
  return {
    url: started.url,
    async close() {
      child.send("close");
      await exited;
    },
  };
}

async function toFetchRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(name, value);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body });
}

export type Credentials = { email: string; password: string };

/** Signs a new user up through the Auth API. */
export async function signUp(stack: SyncStack, label: string): Promise<Credentials> {
  const credentials = {
    email: `bench-${label}-${crypto.randomUUID().slice(0, 8)}@example.test`,
    password: `pw-${crypto.randomUUID()}`,
  };
  const { error } = await supabaseClient(stack).auth.signUp({
    ...credentials,
    options: { data: { display_name: label } },
  });
  if (error) throw new Error(`sign-up failed: ${error.message}`);
  return credentials;
}

function supabaseClient(stack: SyncStack): SupabaseClient {
  return createClient(stack.supabaseUrl, stack.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

/**
 * One "tab" of a signed-in user: a tRPC client sending the session cookie as the browser does,
 * and a supabase-js client holding the same user's session for Realtime.
 */
export async function openTab(stack: SyncStack, credentials: Credentials) {
  const supabase = supabaseClient(stack);
  const session = await supabase.auth.signInWithPassword(credentials);
  if (session.error) throw new Error(`sign-in failed: ${session.error.message}`);

  const jar = new Map<string, string>();
  const ssr = createServerClient(stack.supabaseUrl, stack.publishableKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) jar.set(name, value);
      },
    },
  });
  const signIn = await ssr.auth.signInWithPassword(credentials);
  if (signIn.error) throw new Error(`sign-in failed: ${signIn.error.message}`);
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: stack.apiUrl, transformer: superjson, headers: () => ({ cookie }) })],
  });
  return { supabase, api, cookie, userId: session.data.user.id };
}

export type Tab = Awaited<ReturnType<typeof openTab>>;
