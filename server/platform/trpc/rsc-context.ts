import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "./context";

/** One tRPC context per React Server Component request, however many components ask for it. */
export const createRscContext = cache(async () => {
  const requestHeaders = new Headers(await headers());
  requestHeaders.set("x-trpc-source", "rsc");
  return createContext({ headers: requestHeaders });
});
