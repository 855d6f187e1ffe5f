import { usersRouter } from "@/server/account";
import { assistantRouter } from "@/server/assistant";
import { graphRouter } from "@/server/graph";
import { connectionsRouter, registryRouter } from "@/server/mcp";
import { createCallerFactory, createTRPCRouter } from "@/server/platform/trpc/init";
import { runsRouter } from "@/server/runs";
import { triggersRouter } from "@/server/triggers";
import { versionsRouter, workflowsRouter } from "@/server/workflows";

export const appRouter = createTRPCRouter({
  users: usersRouter,
  workflows: workflowsRouter,
  graph: graphRouter,
  versions: versionsRouter,
  registry: registryRouter,
  connections: connectionsRouter,
  runs: runsRouter,
  triggers: triggersRouter,
  assistant: assistantRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: `createCaller(createContextInner({ claims }))`. */
export const createCaller = createCallerFactory(appRouter);
