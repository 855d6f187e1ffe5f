import { z } from "zod";

// Postgres cannot store NUL in text or jsonb (the write fails), and a UTF-16 surrogate without
// its pair has no UTF-8 form (silently replaced in text, refused in jsonb). Shared by browser and
// server, so every text input is refused up front with one message instead of failing deep down.

export const UNSTORABLE_TEXT_MESSAGE =
  "Text cannot contain NUL characters (\\u0000) or broken Unicode (unpaired surrogates).";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** Every string in a JSON value, object keys included, is storable. */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value && typeof value === "object") {
    return Object.entries(value).every(([key, item]) => isStorableText(key) && isStorableJson(item));
  }
  return true;
}

/** `z.string()` for anything that is saved or sent to the database. */
export function text() {
  return z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

/** A JSON object saved as jsonb. */
export function jsonRecord() {
  return z.record(z.string(), z.unknown()).refine(isStorableJson, UNSTORABLE_TEXT_MESSAGE);
}
