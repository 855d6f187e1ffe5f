import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { createCaller } from "@/server/api/root";
import type { JwtClaims } from "@/server/platform/db/claims";
import { createContextInner } from "@/server/platform/trpc/context";

/** A tRPC caller with these verified claims (null: signed out). */
export function callerWithClaims(claims: JwtClaims | null) {
  return createCaller(createContextInner({ claims }));
}

/** The TRPCError a call fails with; a call that succeeds or throws anything else fails the test. */
export async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => new Error("the call succeeded"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
