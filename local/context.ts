import type pg from "pg";
import type { LocalStackConfig } from "./config";
import type { SigningKey } from "./keys";

/** What every service of the local stack (Auth, Realtime) is handed when the stack starts. */
export type LocalStackContext = {
  config: LocalStackConfig;
  pool: pg.Pool;
  signingKey: SigningKey;
  /** Where the Auth server sends its emails (the mail catcher's SMTP port). */
  smtpPort: number;
  /** The local OpenID provider (GitHub and Google stand-in), once it runs. */
  oidcIssuer?: string;
  /** This server's own address (GoTrue's API_EXTERNAL_URL, without /auth/v1), once it listens. */
  apiUrl?: string;
};
