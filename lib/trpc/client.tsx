"use client";

import "@/lib/zod-config";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { REQUEST_LIMITS } from "./limits";
import { makeQueryClient } from "./query-client";
import { isUnexpectedError } from "./unexpected-error";
import { wire } from "./wire";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every request gets its own client; in the browser one lives for the tab.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** Relative in the browser; absolute when a client component renders on the server. */
function baseUrl(): string {
  if (typeof window !== "undefined") return "";
  return `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          enabled: (op) =>
            process.env.NODE_ENV === "development" &&
            op.direction === "down" &&
            op.result instanceof Error &&
            isUnexpectedError(op.result),
        }),
        httpBatchLink({
          url: `${baseUrl()}/api/trpc`,
          transformer: wire,
          maxItems: REQUEST_LIMITS.maxBatchSize,
          headers: () => ({ "x-trpc-source": "react" }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
