import { describe, expect, it } from "vitest";
import { deliveryInput, idempotencyKeyOf, readBodyWithin } from "./request";

const url = "http://127.0.0.1/api/webhooks/x?tag=a&tag=b&one=1";

describe("a delivery as a run's input", () => {
  it("keeps method, query (repeats as lists) and headers, without the secret, signature or session", () => {
    const request = new Request(url, {
      method: "PUT",
      headers: {
        "x-tryliate-secret": "s",
        "tryliate-signature": "t=1,v1=00",
        cookie: "sb=1",
        authorization: "Bearer x",
        "x-github-event": "push",
      },
    });
    const input = deliveryInput(request, { a: 1 });
    expect(input).toEqual({
      method: "PUT",
      query: { tag: ["a", "b"], one: "1" },
      headers: { "x-github-event": "push" },
      body: { a: 1 },
    });
  });

  it("reads an Idempotency-Key of 1–255 visible ASCII characters, and nothing else", () => {
    const withKey = (key?: string) =>
      new Request(url, key === undefined ? {} : { headers: { "idempotency-key": key } });
    expect(idempotencyKeyOf(withKey())).toBeUndefined();
    expect(idempotencyKeyOf(withKey("order-42"))).toBe("order-42");
    expect(idempotencyKeyOf(withKey("x".repeat(256)))).toBe("invalid");
    expect(idempotencyKeyOf(withKey("two words"))).toBe("invalid");
  });

  it("reads a body up to the limit and stops past it, believing a declared length first", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      new Request(url, { method: "POST", body, headers });
    expect(new TextDecoder().decode((await readBodyWithin(post("12345"), 5)) ?? undefined)).toBe("12345");
    expect(await readBodyWithin(post("123456"), 5)).toBeNull();
    expect(await readBodyWithin(post("1", { "content-length": "999" }), 5)).toBeNull();
    expect(await readBodyWithin(new Request(url), 5)).toEqual(new Uint8Array());
  });
});
