import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

/** Bytes as the WebAuthn JSON forms carry them: base64url text, or binary after auth-js deserialised them. */
type Bytes = string | ArrayBuffer | ArrayBufferView;

function base64url(value: Bytes): string {
  if (typeof value === "string") return value;
  const bytes = ArrayBuffer.isView(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : Buffer.from(value);
  return bytes.toString("base64url");
}

type Credential = { id: Buffer; privateKey: KeyObject; rpId: string; userHandle: Buffer; counter: number };

type CreationOptions = {
  challenge: Bytes;
  rp: { id?: string };
  user: { id: Bytes };
  excludeCredentials?: { id: Bytes }[];
};
type RequestOptions = { challenge: Bytes; rpId?: string; allowCredentials?: { id: Bytes }[] };

/** Mimics a browser PublicKeyCredential: auth-js serialises it through toJSON(). */
function asPublicKeyCredential<T extends { id: string }>(json: T) {
  return { ...json, toJSON: () => json };
}

/**
 * A platform authenticator in software (ES256, "none" attestation, user present and verified),
 * standing in for a person's passkey in tests: what navigator.credentials.create()/get() would
 * hand back for the options a server sent, with `origin` as the page's origin.
 */
export class SoftwareAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(readonly origin: string) {}

  private clientData(type: string, challenge: Bytes, origin: string) {
    return Buffer.from(JSON.stringify({ type, challenge: base64url(challenge), origin, crossOrigin: false }));
  }

  private authenticatorData(rpId: string, counter: number, attested?: Buffer) {
    const flags = 0x01 | 0x04 | (attested ? 0x40 : 0);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const rpIdHash = createHash("sha256").update(rpId).digest();
    return Buffer.concat([rpIdHash, Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
  }

  /** navigator.credentials.create({ publicKey }) → the registration response JSON. */
  create(options: CreationOptions, origin = this.origin) {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const excluded = new Set((options.excludeCredentials ?? []).map((item) => base64url(item.id)));
    if (this.credentials.some((c) => c.rpId === rpId && excluded.has(c.id.toString("base64url")))) {
      throw new Error("InvalidStateError: the authenticator already holds an excluded credential");
    }
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? "", "base64url")],
        [-3, Buffer.from(jwk.y ?? "", "base64url")],
      ]),
    );
    const id = randomBytes(16);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, Buffer.from(coseKey)]);
    const authData = this.authenticatorData(rpId, 0, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", new Uint8Array(authData)],
      ]) as never,
    );
    const userHandle = Buffer.from(base64url(options.user.id), "base64url");
    this.credentials.push({ id, privateKey, rpId, userHandle, counter: 0 });
    return asPublicKeyCredential({
      id: id.toString("base64url"),
      rawId: id.toString("base64url"),
      type: "public-key" as const,
      response: {
        clientDataJSON: this.clientData("webauthn.create", options.challenge, origin).toString("base64url"),
        attestationObject: Buffer.from(attestationObject).toString("base64url"),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    });
  }

  /** navigator.credentials.get({ publicKey }) → the assertion JSON, from `credential` or the first allowed one. */
  get(options: RequestOptions, origin = this.origin, credential?: Credential) {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const allowed = (options.allowCredentials ?? []).map((item) => base64url(item.id));
    const chosen =
      credential ??
      this.credentials.find(
        (c) => c.rpId === rpId && (!allowed.length || allowed.includes(c.id.toString("base64url"))),
      );
    if (!chosen) throw new Error("NotAllowedError: no credential for this relying party");
    chosen.counter += 1;
    const authData = this.authenticatorData(chosen.rpId, chosen.counter);
    const clientData = this.clientData("webauthn.get", options.challenge, origin);
    const signed = Buffer.concat([authData, createHash("sha256").update(clientData).digest()]);
    return asPublicKeyCredential({
      id: chosen.id.toString("base64url"),
      rawId: chosen.id.toString("base64url"),
      type: "public-key" as const,
      response: {
        clientDataJSON: clientData.toString("base64url"),
        authenticatorData: authData.toString("base64url"),
        signature: sign("sha256", signed, chosen.privateKey).toString("base64url"),
        userHandle: chosen.userHandle.toString("base64url"),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    });
  }
}
