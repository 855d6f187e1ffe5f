import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import { CredentialKeyError, type Keyring } from "./keyring";

/**
 * An encrypted value as stored in `mcp_authorizations.credentials`: AES-256-GCM, a random 96-bit
 * nonce per encryption, the id of the key that sealed it, and no plaintext at all.
 */
export const envelopeSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal("A256GCM"),
  kid: z.string().min(1),
  iv: z.base64url(),
  tag: z.base64url(),
  ct: z.base64url(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * What a ciphertext is bound to: moved to another row, it no longer decrypts. `table` names the
 * table the row is in (default `mcp_authorizations`; webhooks' secrets bind to their own).
 */
export type EnvelopeBinding = { userId: string; serverName: string; table?: string };

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function additionalData(binding: EnvelopeBinding): Buffer {
  // JSON keeps the two parts unambiguous (no separator a name could contain).
  return Buffer.from(
    JSON.stringify([binding.table ?? "mcp_authorizations", binding.userId, binding.serverName]),
    "utf8",
  );
}

export function seal(keyring: Keyring, binding: EnvelopeBinding, value: unknown): Envelope {
  const key = keyring.current;
  const iv = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(binding));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return {
    v: 1,
    alg: "A256GCM",
    kid: key.id,
    iv: iv.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
    ct: ct.toString("base64url"),
  };
}

/** Opens an envelope; a missing key, a wrong key or altered data is a CredentialKeyError naming the key id. */
export function open(keyring: Keyring, binding: EnvelopeBinding, stored: unknown): unknown {
  const parsed = envelopeSchema.safeParse(stored);
  if (!parsed.success) {
    throw new CredentialKeyError(
      `The stored credentials of "${binding.serverName}" are not an encrypted envelope.`,
    );
  }
  const envelope = parsed.data;
  const key = keyring.find(envelope.kid);
  if (!key) {
    throw new CredentialKeyError(
      `The credentials of "${binding.serverName}" are encrypted with key "${envelope.kid}", which is not in the keyring (TRYLIATE_CREDENTIALS_KEYS).`,
      envelope.kid,
    );
  }
  const iv = Buffer.from(envelope.iv, "base64url");
  const tag = Buffer.from(envelope.tag, "base64url");
  if (iv.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
    throw new CredentialKeyError(
      `The envelope of "${binding.serverName}" (key "${envelope.kid}") is malformed.`,
      envelope.kid,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.secret, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(binding));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, "base64url")), decipher.final()]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    throw new CredentialKeyError(
      `The credentials of "${binding.serverName}" could not be decrypted with key "${envelope.kid}": the key is wrong, or the data was altered or belongs to another row.`,
      envelope.kid,
    );
  }
}
