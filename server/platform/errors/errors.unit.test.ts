import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Prisma } from "@/server/platform/db/generated/client";
import { createContextInner } from "@/server/platform/trpc/context";
import { createTRPCRouter, publicProcedure } from "@/server/platform/trpc/init";
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

  it("turns unknown errors (and other Prisma codes) into a generic message with a reference logged with the detail", () => {
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    try {
      for (const error of [
        new Error("invalid input at /srv/app/server/services/x.ts:12"),
        prismaError("P1001"),
      ]) {
        const mapped = toTRPCError(error) as TRPCError;
        expect(mapped).toBeInstanceOf(TRPCError);
        expect(mapped.code).toBe("INTERNAL_SERVER_ERROR");
        const reference = /reference ([0-9a-f-]{36})/.exec(mapped.message)?.[1];
        expect(reference).toBeDefined();
        expect(mapped.message).not.toContain("/srv/app");
        expect(mapped.message).not.toContain("database said no");
        expect(mapped.cause).toBeUndefined();
        const line = logged.find((args) => args.some((arg) => String(arg).includes(reference ?? "?")));
        expect(line).toContain(error);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe("over HTTP", () => {
  const router = createTRPCRouter({
    boom: publicProcedure.query(() => {
      throw new Error(
        'Invalid `prisma.workflow.create()` invocation in /srv/app/server/services/workflows.ts:40 → 40 const x = await tx.workflow.create( ERROR: invalid byte sequence for encoding "UTF8": 0x00',
      );
    }),
  });

  it("an internal error answers 500 with the generic message only: no detail, no stack", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request("http://app.test/api/trpc/boom"),
        router,
        createContext: () => createContextInner({ claims: null }),
      });
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).toMatch(/Something went wrong on our side/);
      for (const leak of ["prisma", "/srv/app", "UTF8", "invocation", "stack", ".ts:"]) {
        expect(body).not.toContain(leak);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
