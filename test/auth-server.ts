import type { LocalStack } from "@/local/server";
import { startTestStack } from "./local-stack";

export type AuthTestServer = LocalStack;

/** The local stack (Auth and Realtime on one port) over the test database, for Auth tests. */
export function startAuthTestServer(): Promise<AuthTestServer> {
  return startTestStack();
}
