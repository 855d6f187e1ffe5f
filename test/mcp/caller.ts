import { createContextInner } from "../../server/trpc/context";
import { createCaller } from "../../server/trpc/root";
import type { TestUser } from "../users";

export const APP_ORIGIN = "http://localhost:3999";

/** A tRPC caller for a test user, as a browser on APP_ORIGIN would call. */
export function callerFor(user: TestUser) {
  return createCaller(createContextInner({ claims: user.claims, origin: APP_ORIGIN }));
}
