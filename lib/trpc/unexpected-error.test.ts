import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { isUnexpectedError } from "./unexpected-error";

const answered = (httpStatus: number) =>
  TRPCClientError.from({ error: { message: "m", code: -32600, data: { httpStatus, code: "X" } } });

describe("isUnexpectedError", () => {
  it("leaves expected refusals (4xx) out of the console", () => {
    expect(isUnexpectedError(answered(400))).toBe(false);
    expect(isUnexpectedError(answered(429))).toBe(false);
  });

  it("logs the server's failures and calls without an answer", () => {
    expect(isUnexpectedError(answered(500))).toBe(true);
    expect(isUnexpectedError(new TRPCClientError("Failed to fetch"))).toBe(true);
    expect(isUnexpectedError(new Error("boom"))).toBe(true);
  });
});
