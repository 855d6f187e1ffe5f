import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { REQUEST_LIMITS } from "@/lib/trpc/limits";
import { assertBatchSize, limitBody } from "@/server/platform/http/request-limits";
import type { TRPCContextInner } from "@/server/platform/trpc/context";
import { appRouter } from "./root";

/** Answers one HTTP request to /api/trpc: body size, batch size and depth limited. */
export function handleTrpcRequest(req: Request, createContext: () => Promise<TRPCContextInner>) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: limitBody(req),
    router: appRouter,
    // Counted here rather than by tRPC's maxBatchSize, whose refusal carries no code of its own.
    createContext: async () => {
      assertBatchSize(req, REQUEST_LIMITS.maxBatchSize);
      return createContext();
    },
    // Internal errors are logged with their detail and a reference by server/platform/errors.
  });
}
