import type { TRPCClient } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/*
 * The API's types as the client receives and sends them, read from the router: components take
 * their types from here, never from the server's services.
 */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The plain (non-React) client, for code that runs outside components. */
export type ApiClient = TRPCClient<AppRouter>;

export type RegistryServer = RouterOutputs["registry"]["list"][number];
export type WorkflowSummary = RouterOutputs["workflows"]["list"][number];
export type LoadedGraph = RouterOutputs["graph"]["load"];
export type AdminStats = RouterOutputs["users"]["adminStats"];
export type RunSummary = RouterOutputs["runs"]["list"][number];
export type RunDetail = RouterOutputs["runs"]["get"];
