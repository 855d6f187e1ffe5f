import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isLocalStack } from "@/lib/env/parse";
import { processSingleton } from "@/server/platform/process-singleton";

/**
 * The credentials keyring. Format (TRYLIATE_CREDENTIALS_KEYS, or the local key file):
 * comma-separated `<key id>:<base64 of 32 random bytes>` entries; the first one is the current key
 * (new envelopes use it), the others stay readable until `npm run credentials:rotate` has moved
 * every row to the current one. Key ids: letters, digits, `.`, `_`, `-`.
 */
export type CredentialKey = { id: string; secret: Buffer };
export type Keyring = {
  current: CredentialKey;
  ids: string[];
  find(id: string): CredentialKey | undefined;
};

export const KEYRING_VARIABLE = "TRYLIATE_CREDENTIALS_KEYS";
const KEY_FILE = "credentials-keys";

export class CredentialKeyError extends Error {
  constructor(
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
    this.name = "CredentialKeyError";
  }
}

export function parseKeyring(text: string, source = KEYRING_VARIABLE): Keyring {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new CredentialKeyError(`${source} holds no key.`);
  const keys: CredentialKey[] = [];
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon) : "";
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
      throw new CredentialKeyError(
        `${source}: each entry must be "<key id>:<base64 key>" (got an entry without a valid key id).`,
      );
    }
    const secret = Buffer.from(entry.slice(colon + 1), "base64");
    if (secret.length !== 32) {
      throw new CredentialKeyError(
        `${source}: key "${id}" must be 32 bytes in base64 (it is ${secret.length} bytes).`,
        id,
      );
    }
    if (keys.some((key) => key.id === id))
      throw new CredentialKeyError(`${source}: key id "${id}" appears twice.`, id);
    keys.push({ id, secret });
  }
  const byId = new Map(keys.map((key) => [key.id, key]));
  return { current: keys[0] as CredentialKey, ids: keys.map((key) => key.id), find: (id) => byId.get(id) };
}

export function generateKeyEntry(id = `local-${new Date().toISOString().slice(0, 10)}`): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

/** Locally: one key made on first use and kept in the data folder (never used outside local development). */
export function loadLocalKeyring(dataDir: string): Keyring {
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(/* turbopackIgnore: true */ file)) {
    mkdirSync(/* turbopackIgnore: true */ dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(/* turbopackIgnore: true */ file, `${generateKeyEntry()}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return parseKeyring(readFileSync(/* turbopackIgnore: true */ file, "utf8"), file);
}

type KeyringSource = { keys?: string; local: boolean; dataDir: string };

/** The environment's keyring; without one, the local key file when running against the local stack. */
export function keyringFrom({ keys, local, dataDir }: KeyringSource): Keyring {
  if (keys?.trim()) return parseKeyring(keys);
  if (local) return loadLocalKeyring(dataDir);
  throw new CredentialKeyError(
    `${KEYRING_VARIABLE} is not set: credentials cannot be encrypted or read. Set it to "<key id>:<base64 of 32 random bytes>".`,
  );
}

export function getKeyring(): Keyring {
  return processSingleton("credentials-keyring", () =>
    keyringFrom({
      keys: process.env[KEYRING_VARIABLE],
      local: isLocalStack(),
      dataDir: path.resolve(/* turbopackIgnore: true */ process.env.TRYLIATE_DATA_DIR || ".data"),
    }),
  );
}
