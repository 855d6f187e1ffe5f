import { randomBytes } from "node:crypto";
import { open, seal } from "@/server/platform/crypto/envelope";
import type { Keyring } from "@/server/platform/crypto/keyring";

/** A webhook's URL id: 24 random bytes (192 bits), URL-safe; nobody can guess or enumerate one. */
export function newWebhookId(): string {
  return randomBytes(24).toString("base64url");
}

export const WEBHOOK_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** A webhook secret: 32 random bytes, with a prefix that says what it is when it turns up in a config. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The last characters of a secret, shown so a user can tell which one a sender holds. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}

/** Seals a secret to its webhook row (moved to another row it no longer opens). */
export function sealSecret(keyring: Keyring, webhook: { id: string; userId: string }, secret: string) {
  return seal(keyring, binding(webhook), secret);
}

export function openSecret(
  keyring: Keyring,
  webhook: { id: string; userId: string },
  stored: unknown,
): string {
  return open(keyring, binding(webhook), stored) as string;
}

function binding(webhook: { id: string; userId: string }) {
  return { table: "webhooks", userId: webhook.userId, serverName: webhook.id };
}
