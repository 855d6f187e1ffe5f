import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import type { JwtClaims } from "@/server/platform/db/claims";
import { type RlsDb, withRls } from "@/server/platform/db/with-rls";
import { AppError, isAppError } from "@/server/platform/errors/app-error";
import {
  appCodeOf,
  internalError,
  isGenericInternalError,
  toTRPCError,
} from "@/server/platform/errors/errors";
import { readableRequestError, transformer } from "@/server/platform/http/request-limits";
import type { TRPCContextInner } from "./context";

const t = initTRPC.context<TRPCContextInner>().create({
  transformer,
  errorFormatter({ shape, error }) {
    if (error.code === "INTERNAL_SERVER_ERROR") {
      // Failures outside a procedure (context, output) have not been through mapErrors yet.
      const generic = isGenericInternalError(error) ? error : internalError(error.cause ?? error);
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: generic.message,
        data: { ...data, zodError: null, appCode: appCodeOf(generic), nodeIds: [] },
      };
    }
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    return {
      ...shape,
      message: readableRequestError(error) ?? shape.message,
      // The code is what clients decide on; the message is for people (docs/errors.md).
      data: {
        ...shape.data,
        zodError,
        appCode: appCodeOf(error),
        nodeIds: isAppError(error.cause) ? error.cause.nodeIds : [],
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** App errors and known Prisma errors become the matching tRPC codes, on every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    // tRPC reports anything that is not a TRPCError as INTERNAL_SERVER_ERROR, with it as the cause.
    const { error } = result;
    // Bad input (a ZodError) gets one readable line per issue instead of the issues' JSON.
    const mapped =
      error.code === "INTERNAL_SERVER_ERROR" || error.cause instanceof ZodError
        ? toTRPCError(error.cause ?? error)
        : error;
    if (mapped !== error) return { ...result, error: mapped };
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export type AuthenticatedUser = { id: string; email: string | undefined; claims: JwtClaims };

/** Needs verified claims; gives `ctx.user` and `ctx.db` (queries run under the user's RLS). */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const claims = ctx.claims;
  if (!claims?.sub) {
    throw new AppError("auth.sign_in_required", "Sign in to continue.");
  }
  const user: AuthenticatedUser = { id: claims.sub, email: claims.email, claims };
  const db: RlsDb = (fn) => withRls(claims, fn);
  return next({ ctx: { ...ctx, user, db } });
});

/** Needs `app_metadata.role = 'admin'` in the verified claims (set only by the Auth admin API). */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.claims.app_metadata?.role !== "admin") {
    throw new AppError("auth.admin_only", "Only administrators can do this.");
  }
  return next();
});
