import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "./context";
import { createCaller } from "./root";

// One context per server request, however many components ask for it.
const createRscContext = cache(async () => {
  const requestHeaders = new Headers(await headers());
  requestHeaders.set("x-trpc-source", "rsc");
  return createContext({ headers: requestHeaders });
});

/** tRPC for React Server Components: `const api = await serverApi(); await api.users.me()`. */
export const serverApi = cache(async () => createCaller(await createRscContext()));
