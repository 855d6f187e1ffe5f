import { createHash } from "node:crypto";

/** The providers the local OpenID provider plays, with the client the Auth server uses for each. */
export const LOCAL_PROVIDER_CLIENTS = {
  github: { clientId: "local-github", clientSecret: "local-github-secret", title: "GitHub" },
  google: { clientId: "local-google", clientSecret: "local-google-secret", title: "Google" },
} as const;

export type LocalProviderName = keyof typeof LOCAL_PROVIDER_CLIENTS;

export function providerOfClient(clientId: string): LocalProviderName | undefined {
  return (Object.keys(LOCAL_PROVIDER_CLIENTS) as LocalProviderName[]).find(
    (name) => LOCAL_PROVIDER_CLIENTS[name].clientId === clientId,
  );
}

/** The account id for an email: stable, numeric like a GitHub id, so one address is one provider account. */
export function accountIdFor(email: string): string {
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest();
  return String(digest.readUInt32BE(0) * 1000 + (digest[4] ?? 0));
}

/** The claims the provider releases for an account (userinfo), as GitHub and Google name them. */
export function accountClaims(accountId: string, email: string) {
  const local = email.split("@")[0] ?? email;
  return {
    sub: accountId,
    email,
    email_verified: true,
    name: local,
    preferred_username: local,
    picture: `https://avatars.example.invalid/${accountId}.png`,
  };
}
