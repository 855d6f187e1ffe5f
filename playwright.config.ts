import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2eStack } from "./e2e/fixtures/stack";

const systemChromium = "/usr/bin/chromium";

// The scripted model server takes a port that is free now; workers inherit it through the environment.
process.env.E2E_LLM_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
])
  .toString()
  .trim();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: process.env.CI ? 2 : Math.min(2, Number(process.env.E2E_WORKERS ?? 2)),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  globalSetup: "./e2e/fixtures/global-setup.ts",
  globalTeardown: "./e2e/fixtures/global-teardown.ts",
  use: {
    baseURL: e2eStack.appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // The distribution's Chromium when installed, else Playwright's own download.
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // Remote mode (E2E_BASE_URL): the deployment is already running; nothing is started.
  webServer: e2eStack.remote
    ? undefined
    : [
        {
          // The whole stack, as a user runs it: embedded Postgres, the local Supabase, `next build` + `next start`.
          command: "npx tsx local/cli/dev.ts --prod",
          url: `${e2eStack.appUrl}/login`,
          env: {
            PORT: String(e2eStack.appPort),
            TRYLIATE_DB_PORT: String(e2eStack.dbPort),
            TRYLIATE_SUPABASE_PORT: String(e2eStack.supabasePort),
            TRYLIATE_INBOX_PORT: String(e2eStack.inboxPort),
            TRYLIATE_SMTP_PORT: String(e2eStack.smtpPort),
            TRYLIATE_OIDC_PORT: String(e2eStack.oidcPort),
            // Auth emails link back to the app under test; the specs send many, quickly.
            TRYLIATE_AUTH_SITE_URL: e2eStack.appUrl,
            TRYLIATE_AUTH_EMAIL_MAX_FREQUENCY: "0",
            TRYLIATE_AUTH_EMAIL_RATE_LIMIT: "10000",
            TRYLIATE_AUTH_MFA_VERIFY_RATE_LIMIT: "10000",
            TRYLIATE_AUTH_VERIFY_RATE_LIMIT: "10000",
            // Email confirmation stays on, as in a new Supabase project: the fixtures' users are made
            // confirmed through the admin API, and the sign-up specs confirm through the inbox.
            // GitHub and Google sign in through the local OpenID provider.
            TRYLIATE_AUTH_EXTERNAL_PROVIDERS: "email,github,google",
            // Anonymous sign-ins are on for the spec that tries the app without an account.
            TRYLIATE_AUTH_EXTERNAL_ANONYMOUS_USERS_ENABLED: "true",
            // Schedules fire within a second of coming due (e2e/schedules.spec.ts).
            TRYLIATE_SCHEDULER_POLL_SECONDS: "1",
            // Passkeys and security keys (on in `npm run dev`) need a domain as relying party, not
            // an IP address: their spec opens the app on localhost.
            TRYLIATE_AUTH_WEBAUTHN_RP_ID: "localhost",
            TRYLIATE_AUTH_WEBAUTHN_RP_ORIGINS: `http://localhost:${e2eStack.appPort}`,
            TRYLIATE_MCP_DEMO_PORT: String(e2eStack.mcpPorts.everything),
            TRYLIATE_MCP_DEMO_SSE_PORT: String(e2eStack.mcpPorts.everythingSse),
            TRYLIATE_MCP_OAUTH_DEMO_PORT: String(e2eStack.mcpPorts.oauth),
            TRYLIATE_DATA_DIR: e2eStack.dataDir,
            TRYLIATE_NEXT_DIST_DIR: e2eStack.nextDistDir,
            NEXT_TELEMETRY_DISABLED: "1",
            // Every test signs its pages in through the Auth API, far above a person's rate.
            TRYLIATE_AUTH_SIGN_IN_RATE_LIMIT: "10000",
            // Trymate talks to the scripted model server through the real OpenAI-compatible provider.
            TRYLIATE_ASSISTANT_BASE_URL: `http://127.0.0.1:${e2eStack.llmPort}/v1`,
            TRYLIATE_ASSISTANT_MODEL: "scripted",
          },
          // A cold `next build` on a busy 2-core machine can take several minutes.
          timeout: 900_000,
          reuseExistingServer: !process.env.CI,
          stdout: "pipe",
          stderr: "pipe",
        },
        {
          command: "npx tsx e2e/fixtures/scripted-llm-server.ts",
          url: `http://127.0.0.1:${e2eStack.llmPort}/health`,
          env: { E2E_LLM_PORT: String(e2eStack.llmPort) },
          timeout: 60_000,
          reuseExistingServer: false,
        },
      ],
});
