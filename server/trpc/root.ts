import { usersRouter } from "@/server/routers/users";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  users: usersRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: `createCaller(createContextInner({ claims }))`. */
export const createCaller = createCallerFactory(appRouter);
