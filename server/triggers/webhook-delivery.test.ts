import { describe, expect, it } from "vitest";
import { parseDeliveryBody } from "./webhook-body";
import { SECRET_HEADER, SIGNATURE_HEADER, signatureOf, verifyDelivery } from "./webhook-signature";

const bytes = (text: string) => new TextEncoder().encode(text);
const now = Date.parse("2026-12-07T21:00:00Z");
const t = now / 1000;

describe("verifying a delivery", () => {
  it("accepts the secret header and refuses a missing or wrong one", () => {
    const auth = { mode: "header" as const, secret: "s3cret" };
    expect(verifyDelivery(auth, new Headers({ [SECRET_HEADER]: "s3cret" }), bytes(""))).toEqual({ ok: true });
    expect(verifyDelivery(auth, new Headers(), bytes(""))).toMatchObject({ ok: false, reason: /missing/ });
    expect(verifyDelivery(auth, new Headers({ [SECRET_HEADER]: "s3cre" }), bytes(""))).toMatchObject({
      ok: false,
      reason: "The secret does not match.",
    });
  });

  it("accepts an HMAC of the raw body within the tolerance, and refuses a changed body, a replay or a bad header", () => {
    const auth = { mode: "hmac" as const, secret: "whsec", toleranceSeconds: 300 };
    const body = bytes('{"order":7}');
    const signed = (ts: number, raw = body) =>
      new Headers({ [SIGNATURE_HEADER]: `t=${ts},v1=${signatureOf("whsec", ts, raw)}` });
    expect(verifyDelivery(auth, signed(t), body, now)).toEqual({ ok: true });
    expect(verifyDelivery(auth, signed(t - 299), body, now)).toEqual({ ok: true });
    expect(verifyDelivery(auth, signed(t), bytes('{"order":8}'), now)).toMatchObject({
      ok: false,
      reason: /does not match/,
    });
    expect(verifyDelivery(auth, signed(t - 301), body, now)).toMatchObject({
      ok: false,
      reason: /more than 300 s/,
    });
    expect(verifyDelivery(auth, signed(t + 301), body, now)).toMatchObject({
      ok: false,
      reason: /more than 300 s/,
    });
    expect(verifyDelivery({ ...auth, secret: "other" }, signed(t), body, now)).toMatchObject({ ok: false });
    for (const header of ["", "t=abc,v1=00", `t=${t}`, "v1=00"])
      expect(verifyDelivery(auth, new Headers({ [SIGNATURE_HEADER]: header }), body, now)).toMatchObject({
        ok: false,
        reason: /missing or malformed/,
      });
    // A rotated secret: the sender may list several v1 signatures; one matching is enough.
    const both = new Headers({
      [SIGNATURE_HEADER]: `t=${t},v1=${"0".repeat(64)},v1=${signatureOf("whsec", t, body)}`,
    });
    expect(verifyDelivery(auth, both, body, now)).toEqual({ ok: true });
  });
});

describe("reading a delivery's body", () => {
  it("parses JSON, forms and text", () => {
    expect(parseDeliveryBody(bytes('{"a":[1,2]}'), "application/json; charset=utf-8")).toEqual({
      ok: true,
      body: { a: [1, 2] },
    });
    expect(parseDeliveryBody(bytes("a=1&b=x+y&a=2"), "application/x-www-form-urlencoded")).toEqual({
      ok: true,
      body: { a: ["1", "2"], b: "x y" },
    });
    expect(parseDeliveryBody(bytes("hello"), "text/plain")).toEqual({ ok: true, body: "hello" });
    expect(parseDeliveryBody(bytes(""), "application/json")).toEqual({ ok: true, body: null });
  });

  it("refuses a body too large (413), not JSON or too deep (400)", () => {
    const limits = { maxBytes: 16, maxDepth: 3 };
    expect(parseDeliveryBody(bytes("x".repeat(17)), "text/plain", limits)).toMatchObject({
      ok: false,
      status: 413,
    });
    expect(parseDeliveryBody(bytes("{nope"), "application/json", limits)).toMatchObject({
      ok: false,
      status: 400,
      code: "WEBHOOK_BODY_INVALID",
    });
    expect(parseDeliveryBody(bytes("[[[1]]]"), "application/json", limits)).toMatchObject({ ok: true });
    expect(parseDeliveryBody(bytes("[[[[1]]]]"), "application/json", limits)).toMatchObject({
      ok: false,
      status: 400,
      code: "WEBHOOK_BODY_TOO_DEEP",
    });
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(parseDeliveryBody(bytes(deep), "application/json", { maxBytes: 1e6, maxDepth: 32 })).toMatchObject(
      { status: 400 },
    );
  });
});
