import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { Prisma } from "@/server/platform/db/generated/client";

/** An expected failure of a domain operation, with a message fit to show a user. */
export abstract class DomainError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
}

/** The caller's credentials no longer hold (e.g. their session was signed out). */
export class UnauthorizedError extends DomainError {
  readonly code = "UNAUTHORIZED";
}

export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
}

export class InvalidInputError extends DomainError {
  readonly code = "BAD_REQUEST";
}

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
 * The one map from domain and database errors to tRPC errors. Anything it does not know
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
  if (error instanceof DomainError) {
    return new TRPCError({ code: error.code, message: error.message, cause: error });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") {
      return new TRPCError({ code: "CONFLICT", message: conflictMessage(error), cause: error });
    }
    if (error.code === "P2025") {
      return new TRPCError({ code: "NOT_FOUND", message: "The record does not exist.", cause: error });
    }
  }
  return internalError(error);
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

/** The operation cannot happen in this deployment or state; the message says what to change. */
export class UnavailableError extends DomainError {
  readonly code = "PRECONDITION_FAILED";
}

export class TooManyError extends DomainError {
  readonly code = "TOO_MANY_REQUESTS";
}
