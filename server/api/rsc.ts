import "server-only";
import { cache } from "react";
import { createRscContext } from "@/server/platform/trpc/rsc-context";
import { createCaller } from "./root";

/** tRPC for React Server Components: `const api = await serverApi(); await api.users.me()`. */
export const serverApi = cache(async () => createCaller(await createRscContext()));
