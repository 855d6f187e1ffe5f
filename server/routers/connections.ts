import { z } from "zod";
import { appOrigin } from "@/server/mcp/app-origin";
import { connect, connectSchema, listConnections, revoke, verify } from "@/server/services/mcp-connections";
import { createTRPCRouter, credentialsProcedure } from "@/server/trpc/init";

const authorizationId = z.strictObject({ authorizationId: z.uuid("Not a connection id.") });

export const connectionsRouter = createTRPCRouter({
  list: credentialsProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => listConnections(ctx.db, ctx.user.id)),
  connect: credentialsProcedure
    .input(connectSchema)
    .mutation(({ ctx, input }) => connect(ctx.db, ctx.user.id, input, { appOrigin: appOrigin(ctx.origin) })),
  verify: credentialsProcedure
    .input(authorizationId)
    .mutation(({ ctx, input }) => verify(ctx.db, ctx.user.id, input.authorizationId, { appOrigin: appOrigin(ctx.origin) })),
  revoke: credentialsProcedure.input(authorizationId).mutation(({ ctx, input }) => revoke(ctx.db, ctx.user.id, input.authorizationId)),
});
