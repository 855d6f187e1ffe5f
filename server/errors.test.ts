import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Prisma } from "./db/generated/client";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, toTRPCError } from "./errors";

function prismaError(code: string, meta?: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError("database said no", { code, clientVersion: "test", meta });
}

describe("toTRPCError", () => {
  it.each([
    [new NotFoundError("No such workflow."), "NOT_FOUND"],
    [new ForbiddenError("Not yours."), "FORBIDDEN"],
    [new ConflictError("Name taken."), "CONFLICT"],
    [new InvalidInputError("Cycle in graph."), "BAD_REQUEST"],
  ] as const)("maps %s to %s and keeps its message", (error, code) => {
    const mapped = toTRPCError(error);
    expect(mapped).toBeInstanceOf(TRPCError);
    expect((mapped as TRPCError).code).toBe(code);
    expect((mapped as TRPCError).message).toBe(error.message);
    expect((mapped as TRPCError).cause).toBe(error);
  });

  it("maps a unique violation (P2002) to CONFLICT naming the fields", () => {
    const mapped = toTRPCError(prismaError("P2002", { target: ["user_id", "server_name"] })) as TRPCError;
    expect(mapped.code).toBe("CONFLICT");
    expect(mapped.message).toBe("A record with this user_id, server_name already exists.");
  });

  it("maps a missing record (P2025) to NOT_FOUND", () => {
    expect((toTRPCError(prismaError("P2025")) as TRPCError).code).toBe("NOT_FOUND");
  });

  it("maps zod errors to BAD_REQUEST with one readable line per issue", () => {
    const result = z.object({ name: z.string().min(1, "Name is required.") }).safeParse({ name: "" });
    const mapped = toTRPCError(result.error) as TRPCError;
    expect(mapped.code).toBe("BAD_REQUEST");
    expect(mapped.message).toBe("name: Name is required.");
  });

  it("leaves unknown errors (and other Prisma codes) alone, to surface as internal errors", () => {
    const plain = new Error("boom");
    expect(toTRPCError(plain)).toBe(plain);
    const other = prismaError("P1001");
    expect(toTRPCError(other)).toBe(other);
  });
});
