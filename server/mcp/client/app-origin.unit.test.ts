import { afterEach, describe, expect, it } from "vitest";
import { appOrigin, requestOrigin } from "./app-origin";

afterEach(() => {
  delete process.env.TRYLIATE_APP_URL;
});

describe("the app's origin for OAuth", () => {
  it("is the host the browser used, not the server's own idea of it", () => {
    const req = new Request("http://localhost:3000/api/mcp/oauth/callback", {
      headers: { host: "127.0.0.1:3000" },
    });
    expect(requestOrigin(req)).toBe("http://127.0.0.1:3000");
    const proxied = new Request("http://localhost:3000/x", {
      headers: { host: "internal:3000", "x-forwarded-host": "app.example.com", "x-forwarded-proto": "https" },
    });
    expect(requestOrigin(proxied)).toBe("https://app.example.com");
  });

  it("ignores a malformed Host or protocol", () => {
    const req = new Request("http://localhost:3000/x", {
      headers: { host: "evil.example/path", "x-forwarded-proto": "javascript" },
    });
    expect(requestOrigin(req)).toBe("http://localhost:3000");
  });

  it("prefers TRYLIATE_APP_URL when set", () => {
    process.env.TRYLIATE_APP_URL = "https://tryliate.example.com/some/path";
    expect(appOrigin("http://127.0.0.1:3000")).toBe("https://tryliate.example.com");
  });
});
