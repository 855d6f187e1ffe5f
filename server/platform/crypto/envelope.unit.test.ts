import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { open, seal } from "./envelope";
import { CredentialKeyError, generateKeyEntry, keyringFrom, loadLocalKeyring, parseKeyring } from "./keyring";

const a = generateKeyEntry("a");
const b = generateKeyEntry("b");
const row = { userId: "11111111-1111-4111-8111-111111111111", serverName: "everything" };
const secret = { kind: "header", header: "Authorization", value: "Bearer s3cret-token" };

describe("credential envelopes", () => {
  it("round-trip, name the key and hold no plaintext", () => {
    const ring = parseKeyring(a);
    const envelope = seal(ring, row, secret);
    expect(envelope.kid).toBe("a");
    expect(JSON.stringify(envelope)).not.toContain("s3cret");
    expect(open(ring, row, envelope)).toEqual(secret);
  });

  it("use a fresh 96-bit nonce each time", () => {
    const ring = parseKeyring(a);
    const first = seal(ring, row, secret);
    const second = seal(ring, row, secret);
    expect(Buffer.from(first.iv, "base64url")).toHaveLength(12);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
  });

  it("refuse a tampered ciphertext, tag or nonce", () => {
    const ring = parseKeyring(a);
    const envelope = seal(ring, row, secret);
    const flip = (text: string) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    for (const field of ["ct", "tag", "iv"] as const) {
      expect(() => open(ring, row, { ...envelope, [field]: flip(envelope[field]) })).toThrow(
        /could not be decrypted with key "a"/,
      );
    }
  });

  it("do not open in another row (other user or other server)", () => {
    const ring = parseKeyring(a);
    const envelope = seal(ring, row, secret);
    expect(() => open(ring, { ...row, userId: "22222222-2222-4222-8222-222222222222" }, envelope)).toThrow(
      CredentialKeyError,
    );
    expect(() => open(ring, { ...row, serverName: "other" }, envelope)).toThrow(/belongs to another row/);
  });

  it("name the key id when the key is missing or wrong", () => {
    const envelope = seal(parseKeyring(a), row, secret);
    expect(() => open(parseKeyring(b), row, envelope)).toThrow(/key "a", which is not in the keyring/);
    const wrongA = generateKeyEntry("a");
    try {
      open(parseKeyring(wrongA), row, envelope);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CredentialKeyError);
      expect((error as CredentialKeyError).keyId).toBe("a");
      expect((error as Error).message).toMatch(/could not be decrypted with key "a"/);
    }
  });

  it("read older keys of the ring, and seal with the first", () => {
    const old = seal(parseKeyring(a), row, secret);
    const ring = parseKeyring(`${b}, ${a}`);
    expect(open(ring, row, old)).toEqual(secret);
    expect(seal(ring, row, secret).kid).toBe("b");
  });

  it("refuse something that is not an envelope", () => {
    const ring = parseKeyring(a);
    expect(() => open(ring, row, { token: "plain" })).toThrow(/not an encrypted envelope/);
    expect(() => open(ring, row, null)).toThrow(CredentialKeyError);
  });
});

describe("the keyring", () => {
  it("refuses malformed entries with the variable's name", () => {
    expect(() => parseKeyring("")).toThrow(/TRYLIATE_CREDENTIALS_KEYS holds no key/);
    expect(() => parseKeyring("nokey")).toThrow(/<key id>:<base64 key>/);
    expect(() => parseKeyring("k1:c2hvcnQ=")).toThrow(/key "k1" must be 32 bytes/);
    expect(() => parseKeyring(`${a},${a}`)).toThrow(/appears twice/);
  });

  it("is required outside local development", () => {
    expect(() => keyringFrom({ local: false, dataDir: "/nonexistent" })).toThrow(
      /TRYLIATE_CREDENTIALS_KEYS is not set/,
    );
  });

  it("is generated once into the data folder locally, readable only by its owner", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "keyring-"));
    const first = loadLocalKeyring(dir);
    const second = keyringFrom({ local: true, dataDir: dir });
    expect(second.current.id).toBe(first.current.id);
    expect(second.current.secret.equals(first.current.secret)).toBe(true);
    const file = path.join(dir, "credentials-keys");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^local-[\d-]+:/);
  });
});
