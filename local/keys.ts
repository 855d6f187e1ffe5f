import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from "jose";

/** The stack's ES256 signing key: made on first start, kept in dataDir, published as a JWKS. */
export type SigningKey = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK };

const ALG = "ES256";

export async function loadSigningKey(dataDir: string): Promise<SigningKey> {
  const file = path.join(dataDir, "signing-key.json");
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALG };
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as JWK & { kid: string };
  const { d: _private, ...publicPart } = stored;
  const publicJwk: JWK = { ...publicPart, alg: ALG, use: "sig", key_ops: ["verify"] };
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored, ALG)) as CryptoKey,
    publicKey: (await importJWK({ ...publicPart, alg: ALG }, ALG)) as CryptoKey,
    publicJwk,
  };
}

export async function signJwt(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: ALG, kid: key.kid, typ: "JWT" }).sign(key.privateKey);
}

/** Verifies signature and expiry; throws jose's errors (JWTExpired, JWSSignatureVerificationFailed…). */
export async function verifyJwt(key: SigningKey, token: string): Promise<Record<string, unknown>> {
  const { payload } = await jwtVerify(token, key.publicKey, { algorithms: [ALG] });
  return payload as Record<string, unknown>;
}
