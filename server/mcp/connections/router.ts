import { z } from "zod";
import { appOrigin } from "@/server/mcp/client/app-origin";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { connect, connectSchema, listConnections, revoke, verify } from "./connections";

const authorizationId = z.strictObject({ authorizationId: z.uuid("Not a connection id.") });

export const connectionsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.strictObject({}).optional())
    .query(({ ctx }) => listConnections(ctx.db, ctx.user.id)),
  connect: protectedProcedure
    .input(connectSchema)
    .mutation(({ ctx, input }) => connect(ctx.db, ctx.user.id, input, { appOrigin: appOrigin(ctx.origin) })),
  verify: protectedProcedure
    .input(authorizationId)
    .mutation(({ ctx, input }) =>
      verify(ctx.db, ctx.user.id, input.authorizationId, { appOrigin: appOrigin(ctx.origin) }),
    ),
  revoke: protectedProcedure
    .input(authorizationId)
    .mutation(({ ctx, input }) => revoke(ctx.db, ctx.user.id, input.authorizationId)),
});
