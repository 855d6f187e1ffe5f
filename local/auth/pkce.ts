import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { FlowType } from "./email-tokens";
import { AuthApiError, validationFailed } from "./errors";
import type { Db } from "./users";

/** GoTrue's FlowStateExpiryDuration: a flow (and its auth code) lives 5 minutes. */
const FLOW_STATE_TTL_MS = 300_000;
const CHALLENGE_PATTERN = /^[a-zA-Z._~0-9-]+$/;

export type PkceParams = { codeChallenge: string; codeChallengeMethod: string };

/** GoTrue's validatePKCEParams: both or neither, a well-formed challenge; null for the implicit flow. */
export function pkceParams(body: Record<string, unknown>): PkceParams | null {
  const challenge = typeof body.code_challenge === "string" ? body.code_challenge : "";
  const method = typeof body.code_challenge_method === "string" ? body.code_challenge_method : "";
  if (!challenge && !method) return null;
  if (!challenge || !method)
    throw validationFailed("PKCE flow requires code_challenge_method and code_challenge");
  if (challenge.length < 43 || challenge.length > 128) {
    throw validationFailed("code challenge has to be between 43 and 128 characters");
  }
  if (!CHALLENGE_PATTERN.test(challenge)) {
    throw validationFailed(
      "code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes",
    );
  }
  if (!["s256", "plain"].includes(method.toLowerCase()))
    throw validationFailed("Invalid code_challenge_method");
  return { codeChallenge: challenge, codeChallengeMethod: method.toLowerCase() };
}

export const flowTypeOf = (pkce: PkceParams | null): FlowType => (pkce ? "pkce" : "implicit");

/** A new flow state (GoTrue's generateFlowState); returns its id (the OAuth `state`). */
export async function createFlowState(
  db: Db,
  input: {
    providerType: string;
    authenticationMethod: string;
    pkce: PkceParams | null;
    userId?: string | null;
    referrer?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       created_at, updated_at, authentication_method, referrer)
     values ($1, $2, $3, $4, $5, $6, now(), now(), $7, $8)`,
    [
      id,
      input.userId ?? null,
      input.pkce ? randomUUID() : null,
      input.pkce?.codeChallengeMethod ?? null,
      input.pkce?.codeChallenge ?? null,
      input.providerType,
      input.authenticationMethod,
      input.referrer ?? null,
    ],
  );
  return id;
}

/** GoTrue's issueAuthCode: the auth code of the user's newest flow of this method, stamped as issued. */
export async function issueAuthCode(db: Db, userId: string, authenticationMethod: string): Promise<string> {
  const { rows } = await db.query<{ id: string; auth_code: string | null }>(
    `select id, auth_code from auth.flow_state where user_id = $1 and authentication_method = $2
     order by created_at desc limit 1`,
    [userId, authenticationMethod],
  );
  const flow = rows[0];
  if (!flow)
    throw new AuthApiError(
      400,
      "flow_state_not_found",
      "No associated flow state found. No valid flow state found for user.",
    );
  if (!flow.auth_code) {
    throw new AuthApiError(
      400,
      "flow_state_not_found",
      "No associated flow state found. Flow state does not have an auth code (not a PKCE flow).",
    );
  }
  await db.query("update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1", [
    flow.id,
  ]);
  return flow.auth_code;
}

type FlowRow = {
  id: string;
  user_id: string | null;
  code_challenge: string;
  code_challenge_method: string;
  authentication_method: string;
  created_at: Date;
  auth_code_issued_at: Date | null;
  provider_access_token: string | null;
  provider_refresh_token: string | null;
};

function challengeMatches(flow: FlowRow, verifier: string): boolean {
  const expected =
    flow.code_challenge_method === "s256"
      ? createHash("sha256").update(verifier).digest("base64url")
      : verifier;
  const a = Buffer.from(expected);
  const b = Buffer.from(flow.code_challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The pkce grant's checks (GoTrue's PKCE): a known, unexpired auth code with a user and a
 * matching verifier. The flow state is deleted, so the code works once; returns the user and method.
 */
export async function consumeAuthCode(db: Db, authCode: string, verifier: string) {
  if (!authCode || !verifier) {
    throw validationFailed("invalid request: both auth code and code verifier should be non-empty");
  }
  const { rows } = await db.query<FlowRow>("select * from auth.flow_state where auth_code = $1 for update", [
    authCode,
  ]);
  const flow = rows[0];
  if (!flow?.user_id) {
    throw new AuthApiError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
  }
  const start =
    flow.auth_code_issued_at && flow.authentication_method === "magiclink"
      ? flow.auth_code_issued_at
      : flow.created_at;
  if (Date.now() > start.getTime() + FLOW_STATE_TTL_MS) {
    throw new AuthApiError(422, "flow_state_expired", "invalid flow state, flow state has expired");
  }
  if (!challengeMatches(flow, verifier)) {
    throw new AuthApiError(
      400,
      "bad_code_verifier",
      "code challenge does not match previously saved code verifier",
    );
  }
  await db.query("delete from auth.flow_state where id = $1", [flow.id]);
  return {
    userId: flow.user_id,
    method: flow.authentication_method,
    providerToken: flow.provider_access_token,
  };
}

export const FLOW_STATE_TTL_SECONDS = FLOW_STATE_TTL_MS / 1000;

/** Starts an emailed flow for a user: a flow state when PKCE is asked for; returns the flow type. */
export async function startUserFlow(
  db: Db,
  pkce: PkceParams | null,
  userId: string,
  method: string,
): Promise<FlowType> {
  if (!pkce) return "implicit";
  await createFlowState(db, {
    providerType: method === "email/signup" ? "email" : method,
    authenticationMethod: method,
    pkce,
    userId,
  });
  return "pkce";
}
