import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import { appErrorOf } from "@/lib/errors/app-error-of";
import { isTransient } from "@/lib/errors/codes";
import { wire } from "./wire";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data rendered on the server is fresh for a moment, so the browser does not refetch at once.
      queries: { staleTime: 30_000, retry: (failures, error) => failures < 2 && !isClientError(error) },
      dehydrate: {
        serializeData: wire.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: wire.deserialize },
    },
  });
}

/** A refusal of the API is not retried; no answer, a fault on the server's side, a limit or a timeout is. */
function isClientError(error: unknown): boolean {
  const { code } = appErrorOf(error);
  return code !== null && !isTransient(code);
}
