import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import type { JwtClaims } from "@/server/db/claims";
import { type RlsTransaction, withRls } from "@/server/db/with-rls";
import { toTRPCError } from "@/server/errors";
import type { TRPCContextInner } from "./context";
import { readableRequestError, transformer } from "./request-limits";

const t = initTRPC.context<TRPCContextInner>().create({
  transformer,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    return {
      ...shape,
      message: readableRequestError(error) ?? shape.message,
      data: { ...shape.data, zodError },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors and known Prisma errors become the matching tRPC codes, on every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped instanceof TRPCError && mapped !== result.error) {
      return { ...result, error: mapped };
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export type AuthenticatedUser = { id: string; email: string | undefined; claims: JwtClaims };

/** Needs verified claims; gives `ctx.user` and `ctx.db` (queries run under the user's RLS). */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const claims = ctx.claims;
  if (!claims?.sub) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  const user: AuthenticatedUser = { id: claims.sub, email: claims.email, claims };
  const db = <T>(fn: (tx: RlsTransaction) => Promise<T>): Promise<T> => withRls(claims, fn);
  return next({ ctx: { ...ctx, user, db } });
});

/** Needs `app_metadata.role = 'admin'` in the verified claims (set only by the Auth admin API). */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.claims.app_metadata?.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  }
  return next();
});
