import { assistantRouter } from "@/server/routers/assistant";
import { connectionsRouter } from "@/server/routers/connections";
import { graphRouter } from "@/server/routers/graph";
import { registryRouter } from "@/server/routers/registry";
import { runsRouter } from "@/server/routers/runs";
import { usersRouter } from "@/server/routers/users";
import { versionsRouter } from "@/server/routers/versions";
import { workflowsRouter } from "@/server/routers/workflows";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  users: usersRouter,
  workflows: workflowsRouter,
  graph: graphRouter,
  versions: versionsRouter,
  registry: registryRouter,
  connections: connectionsRouter,
  runs: runsRouter,
  assistant: assistantRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: `createCaller(createContextInner({ claims }))`. */
export const createCaller = createCallerFactory(appRouter);
