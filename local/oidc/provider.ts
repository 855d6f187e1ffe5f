import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { accountClaims, accountIdFor, LOCAL_PROVIDER_CLIENTS, providerOfClient } from "./accounts";
import { memoryAdapterFactory } from "./memory-adapter";
import { consentPage, loginPage } from "./pages";

export type LocalOidcProvider = { issuer: string; close(): Promise<void> };

const LOOPBACK = "127.0.0.1";

/** A deployment's function host (Vercel, AWS Lambda, Netlify); the local stack runs on a developer's machine. */
function isDeployment(env: Record<string, string | undefined>): boolean {
  return Boolean(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function html(res: ServerResponse, body: string) {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(body);
}

/**
 * The local OpenID Connect provider (oidc-provider) standing in for GitHub and Google: one
 * confidential client per provider, redirecting to the Auth server's /callback. A person
 * signs in with just an email (no password), then authorizes the app on a consent page.
 */
export async function startOidcProvider(
  options: { port: number; callbackUrl: string },
  env: Record<string, string | undefined> = process.env,
): Promise<LocalOidcProvider> {
  if (isDeployment(env)) {
    throw new Error(
      "The local OpenID provider signs anyone in as any address, so it never starts in a deployment: configure real GitHub and Google apps in your Supabase project instead.",
    );
  }
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only, whatever address the rest of the stack uses: no other machine may sign in here.
    server.listen(options.port, LOOPBACK, resolve);
  });
  const issuer = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "RS256", use: "sig" };
  const emails = new Map<string, string>();

  const provider = new Provider(issuer, {
    adapter: memoryAdapterFactory(),
    clients: Object.values(LOCAL_PROVIDER_CLIENTS).map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [options.callbackUrl],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username", "picture"],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const email = emails.get(sub);
      return email ? { accountId: sub, claims: () => accountClaims(sub, email) } : undefined;
    },
  });
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    const clientId = String(details.params.client_id ?? "");
    const title = LOCAL_PROVIDER_CLIENTS[providerOfClient(clientId) ?? "github"].title;
    if (req.method === "GET") {
      if (details.prompt.name === "login") return html(res, loginPage(details.uid, title));
      return html(res, consentPage(details.uid, title, emails.get(details.session?.accountId ?? "") ?? ""));
    }
    if (action === "login") {
      const email = (await readForm(req)).get("login")?.trim().toLowerCase() ?? "";
      if (!/^[^@\s]+@[^@\s]+$/.test(email))
        return html(res, loginPage(details.uid, title, "Enter an email address."));
      const accountId = accountIdFor(email);
      emails.set(accountId, email);
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === "abort") {
      const result = { error: "access_denied", error_description: "The person cancelled the sign-in" };
      return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session?.accountId ?? "", clientId });
    if (!grant) throw new Error("grant vanished during consent");
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  server.on("request", (req, res) => {
    const match = /^\/interaction\/[^/]+(?:\/(login|confirm|abort))?$/.exec(
      new URL(req.url ?? "/", issuer).pathname,
    );
    if (!match) return oidc(req, res);
    interaction(req, res, match[1]).catch((error: unknown) => {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(`This sign-in cannot continue: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
