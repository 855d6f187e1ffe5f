import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/platform/trpc/context";
import type { TestUser } from "@/test/users";

export const APP_ORIGIN = "http://localhost:3999";

/** A tRPC caller for a test user, as a browser on APP_ORIGIN would call. */
export function callerFor(user: TestUser) {
  return createCaller(createContextInner({ claims: user.claims, origin: APP_ORIGIN }));
}
