import { describe, expect, it } from "vitest";
import { refuseCrossOrigin } from "./same-origin";

const APP = "http://127.0.0.1:3000";

function post(headers: Record<string, string>, url = `${APP}/auth/signout`) {
  return new Request(url, { method: "POST", headers });
}

describe("refuseCrossOrigin", () => {
  it.each([
    ["the app's own origin", { origin: APP }],
    ["a same-origin fetch without Origin", { "sec-fetch-site": "same-origin" }],
    ["a non-browser client (neither header)", {}],
  ])("lets %s through", (_, headers) => {
    expect(refuseCrossOrigin(post(headers))).toBeNull();
  });

  it("knows its own origin from the Host header (next start names itself localhost)", () => {
    const request = new Request("http://localhost:3000/auth/signout", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: APP },
    });
    expect(refuseCrossOrigin(request)).toBeNull();
    const foreign = new Request("http://localhost:3000/auth/signout", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" },
    });
    expect(refuseCrossOrigin(foreign)?.status).toBe(403);
  });

  it("behind a proxy, from the forwarded host and scheme", () => {
    const request = new Request("http://10.0.0.5:3000/api/trpc/x", {
      method: "POST",
      headers: {
        host: "10.0.0.5:3000",
        "x-forwarded-host": "app.example",
        "x-forwarded-proto": "https",
        origin: "https://app.example",
      },
    });
    expect(refuseCrossOrigin(request)).toBeNull();
  });

  it.each([
    ["another port of the same host (same site, other origin)", { origin: "http://127.0.0.1:4000" }],
    ["another site", { origin: "https://evil.example" }],
    ["an opaque origin", { origin: "null" }],
    ["the other scheme", { origin: "https://127.0.0.1:3000" }],
    ["a cross-site fetch without Origin", { "sec-fetch-site": "cross-site" }],
    ["a same-site fetch without Origin", { "sec-fetch-site": "same-site" }],
  ])("answers 403 to %s", async (_, headers) => {
    const response = refuseCrossOrigin(post(headers));
    expect(response?.status).toBe(403);
    expect(await response?.json()).toEqual({ error: "Cross-origin requests are not accepted here." });
  });
});

describe("state-changing route handlers", () => {
  it("the tRPC endpoint refuses a mutation posted from another origin, before running it", async () => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    const response = await POST(
      new Request(`${APP}/api/trpc/workflows.create`, {
        method: "POST",
        headers: { origin: "http://127.0.0.1:4000", "content-type": "text/plain" },
        body: JSON.stringify({ json: { name: "planted" } }),
      }),
    );
    expect(response.status).toBe(403);
  });

  it("the sign-out route checks the origin first", async () => {
    const { POST } = await import("@/app/auth/signout/route");
    const response = await POST(post({ origin: "http://127.0.0.1:4000" }) as never);
    expect(response.status).toBe(403);
  });
});
