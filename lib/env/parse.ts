import type { z } from "zod";

export class EnvError extends Error {}

type Source = Record<string, string | undefined>;

/** Validates every variable at once, so one message names each bad one. */
export function parseEnv<S extends z.ZodType>(schema: S, values: unknown): z.infer<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
}

/**
 * Whether the app runs on the local stack: in development and tests, and in a production build or
 * start that the dev CLI runs (it sets TRYLIATE_LOCAL_STACK=1). Only there do the embedded defaults
 * (127.0.0.1, local keys, a generated credentials key file) and plain-http MCP servers apply; a
 * deployment (NODE_ENV=production without the marker) must set every variable itself. The one
 * answer to "is this the local stack" for the environment checks, the keyring and the MCP guard.
 */
export function isLocalStack(source: Source = process.env): boolean {
  return source.TRYLIATE_LOCAL_STACK === "1" || source.NODE_ENV !== "production";
}

/** The first non-empty value, else the local default when allowed, else undefined ("is not set"). */
export function pick(values: Array<string | undefined>, localDefault: string, allowDefault: boolean) {
  const given = values.find((value) => value !== undefined && value.trim() !== "");
  return given ?? (allowDefault ? localDefault : undefined);
}

/** The local stack's inbox page (every email its Auth server sends), for links on the sign-up page. */
export function localInboxUrl(source: Source = process.env): string | undefined {
  const url = source.TRYLIATE_LOCAL_INBOX_URL?.trim();
  if (!url || !isLocalStack(source) || !/^https?:\/\//.test(url)) return undefined;
  return url;
}
