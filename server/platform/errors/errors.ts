import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import type { AppErrorCode } from "@/lib/errors/codes";
import { Prisma } from "@/server/platform/db/generated/client";
import { AppError, isAppError } from "./app-error";

const INTERNAL_MESSAGE = "Something went wrong on our side. If it keeps happening, quote reference";

/**
 * An error nobody planned for. Its detail (Prisma's invocation text, file paths, the database's
 * own message) stays in the server's log under a fresh reference; the caller gets the reference.
 */
export function internalError(error: unknown): TRPCError {
  const reference = randomUUID();
  console.error(`internal error, reference ${reference}:`, error);
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `${INTERNAL_MESSAGE} ${reference}.` });
}

/** Whether an error already carries the generic message (so it is not wrapped twice). */
export function isGenericInternalError(error: TRPCError): boolean {
  return error.code === "INTERNAL_SERVER_ERROR" && error.message.startsWith(INTERNAL_MESSAGE) && !error.cause;
}

/**
 * The one map from application and database errors to tRPC errors. Anything it does not know
 * becomes an internal error with a generic message (see internalError).
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps what a procedure throws as INTERNAL_SERVER_ERROR with the thrown error's message.
    if (error.code === "INTERNAL_SERVER_ERROR" && !isGenericInternalError(error))
      return internalError(error.cause ?? error);
    return error;
  }
  if (error instanceof ZodError) {
    // Keep the ZodError as the cause: the error formatter sends its flattened issues to clients.
    return new TRPCError({ code: "BAD_REQUEST", message: readableIssues(error), cause: error });
  }
  if (isAppError(error)) return new TRPCError({ code: error.status, message: error.message, cause: error });
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002")
      return toTRPCError(new AppError("record.conflict", conflictMessage(error), { cause: error }));
    if (error.code === "P2025")
      return toTRPCError(new AppError("record.not_found", "The record does not exist.", { cause: error }));
  }
  return internalError(error);
}

/** tRPC's own refusals of a request (before any procedure ran) by their tRPC code. */
const REQUEST_CODES: Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>> = {
  BAD_REQUEST: "request.invalid",
  PARSE_ERROR: "request.invalid",
  PAYLOAD_TOO_LARGE: "request.too_large",
  NOT_FOUND: "request.not_found",
};

/** The application code a client receives with this error (in `data.appCode`). */
export function appCodeOf(error: TRPCError): AppErrorCode {
  if (error.code === "INTERNAL_SERVER_ERROR") return "internal";
  if (isAppError(error.cause)) return error.cause.code;
  if (error.cause instanceof ZodError) return "input.invalid";
  return REQUEST_CODES[error.code] ?? "request.refused";
}

/** The application code of what a server-side tRPC call threw (undefined when it is not a TRPCError). */
export function appCodeOfCall(error: unknown): AppErrorCode | undefined {
  return error instanceof TRPCError ? appCodeOf(error) : undefined;
}

function conflictMessage(error: Prisma.PrismaClientKnownRequestError): string {
  const target = error.meta?.target;
  const fields = Array.isArray(target) ? target.join(", ") : typeof target === "string" ? target : undefined;
  return fields ? `A record with this ${fields} already exists.` : "A record like this already exists.";
}

function readableIssues(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("\n");
}
