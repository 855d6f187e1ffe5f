import { request } from "node:http";
import type { LocalStack } from "@/local/server";

export type AuthAnswer = { status: number; body: Record<string, unknown> };

/**
 * POSTs JSON to the stack's /auth/v1 as auth-js does, from a given loopback address: all of
 * 127.0.0.0/8 reaches this machine, so each address is another client IP to the Auth server.
 */
export function postAuthFrom(
  stack: LocalStack,
  path: string,
  body: Record<string, unknown>,
  from = "127.0.0.1",
  headers: Record<string, string> = {},
): Promise<AuthAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${stack.url}/auth/v1${path}`,
      {
        method: "POST",
        localAddress: from,
        headers: {
          apikey: stack.context.config.publishableKey,
          "content-type": "application/json",
          "x-supabase-api-version": "2024-01-01",
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || "{}") }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}
