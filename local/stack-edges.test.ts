import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../test/auth-clients";
import { startTestStack } from "../test/local-stack";
import { realtimeClient, subscribe, until } from "../test/realtime-clients";
import type { LocalStack } from "./server";

// Edges of the local stack found by an adversarial run: bad REST broadcast paths, topics too
// long for a binary frame, a forwarded host in the token issuer, and CORS for foreign origins.

const APP_ORIGIN = "http://localhost:3999";
let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({ allowedOrigins: [APP_ORIGIN] });
});
afterAll(async () => {
  await stack?.close();
});

function broadcastPost(path: string, body: unknown) {
  return fetch(`${stack.url}/realtime/v1/api/broadcast${path}`, {
    method: "POST",
    headers: { apikey: stack.context.config.secretKey, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("REST broadcast", () => {
  it.each(["/%E0%A4%A/events/x", "/room/events/%ZZ", "/%/events/%"])(
    "answers 400 to the malformed escape in %s",
    async (path) => {
      const response = await broadcastPost(path, { hello: 1 });
      expect(response.status).toBe(400);
    },
  );

  it("delivers to a vsn 2 subscriber of a topic longer than a binary frame can name", async () => {
    const topic = `long-${"x".repeat(300)}`;
    const got: unknown[] = [];
    const client = realtimeClient(stack, undefined, "2.0.0");
    const channel = client
      .channel(topic)
      .on("broadcast", { event: "ping" }, (message) => got.push(message.payload));
    expect(await subscribe(channel)).toBe("SUBSCRIBED");
    try {
      expect(
        (await broadcastPost("", { messages: [{ topic, event: "ping", payload: { n: 1 } }] })).status,
      ).toBe(202);
      expect((await broadcastPost(`/${encodeURIComponent(topic)}/events/ping`, { n: 2 })).status).toBe(202);
      await until(() => got.length === 2);
      expect(got).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await client.removeAllChannels();
    }
  });
});

describe("token issuer", () => {
  it("comes from the stack's own URL, never from X-Forwarded-Host", async () => {
    const response = await fetch(`${stack.url}/auth/v1/signup`, {
      method: "POST",
      headers: {
        apikey: stack.context.config.publishableKey,
        "content-type": "application/json",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ email: uniqueEmail("iss"), password: "secret123" }),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    expect(decodeJwt(access_token).payload.iss).toBe(`${stack.url}/auth/v1`);
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "apikey",
      },
    });

  it("allows the app's origin, without credentials (supabase-js sends none)", async () => {
    const response = await preflight(APP_ORIGIN);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    const answer = await testClient(stack).client.auth.getSession();
    expect(answer.error).toBeNull();
  });

  it.each(["https://evil.example", "http://localhost:4000", "null"])(
    "gives %s no CORS headers at all",
    async (origin) => {
      const response = await preflight(origin);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      const get = await fetch(`${stack.url}/auth/v1/settings`, {
        headers: { origin, apikey: stack.context.config.publishableKey },
      });
      expect(get.headers.get("access-control-allow-origin")).toBeNull();
    },
  );
});
