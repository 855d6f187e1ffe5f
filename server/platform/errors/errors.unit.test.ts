import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { appErrorOf } from "@/lib/errors/app-error-of";
import { Prisma } from "@/server/platform/db/generated/client";
import { createContextInner } from "@/server/platform/trpc/context";
import { createTRPCRouter, publicProcedure } from "@/server/platform/trpc/init";
import { AppError } from "./app-error";
import { appCodeOf, toTRPCError } from "./errors";

function prismaError(code: string, meta?: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError("database said no", { code, clientVersion: "test", meta });
}

describe("toTRPCError", () => {
  it.each([
    [new AppError("workflow.not_found", "No such workflow."), "NOT_FOUND"],
    [new AppError("auth.admin_only", "Not yours."), "FORBIDDEN"],
    [new AppError("registry.duplicate", "Name taken."), "CONFLICT"],
    [new AppError("graph.invalid_diff", "Cycle in graph."), "BAD_REQUEST"],
    [new AppError("runs.too_many_running", "Five at once."), "TOO_MANY_REQUESTS"],
  ] as const)("maps %s to %s, keeping its message and its code", (error, code) => {
    const mapped = toTRPCError(error);
    expect(mapped).toBeInstanceOf(TRPCError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toBe(error.message);
    expect(mapped.cause).toBe(error);
    expect(appCodeOf(mapped)).toBe(error.code);
  });

  it("recognises an AppError made by another copy of the module (another bundle) by its brand", async () => {
    vi.resetModules();
    const other = (await import("./app-error")) as typeof import("./app-error");
    expect(other.AppError).not.toBe(AppError);
    const foreign = new other.AppError("runs.too_many_running", "You already have 5 runs going.");
    expect(foreign).not.toBeInstanceOf(AppError);
    const mapped = toTRPCError(foreign);
    expect([mapped.code, mapped.message, appCodeOf(mapped)]).toEqual([
      "TOO_MANY_REQUESTS",
      "You already have 5 runs going.",
      "runs.too_many_running",
    ]);
  });

  it("does not take an error with a look-alike code for an AppError", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const lookalike = Object.assign(new Error("forged"), {
        code: "workflow.not_found",
        status: "NOT_FOUND",
      });
      expect(toTRPCError(lookalike).code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      spy.mockRestore();
    }
  });

  it("maps a unique violation (P2002) to CONFLICT naming the fields", () => {
    const mapped = toTRPCError(prismaError("P2002", { target: ["user_id", "server_name"] })) as TRPCError;
    expect(mapped.code).toBe("CONFLICT");
    expect(appCodeOf(mapped)).toBe("record.conflict");
    expect(mapped.message).toBe("A record with this user_id, server_name already exists.");
  });

  it("maps a missing record (P2025) to NOT_FOUND", () => {
    const mapped = toTRPCError(prismaError("P2025"));
    expect([mapped.code, appCodeOf(mapped)]).toEqual(["NOT_FOUND", "record.not_found"]);
  });

  it("maps zod errors to BAD_REQUEST with one readable line per issue", () => {
    const result = z.object({ name: z.string().min(1, "Name is required.") }).safeParse({ name: "" });
    const mapped = toTRPCError(result.error) as TRPCError;
    expect(mapped.code).toBe("BAD_REQUEST");
    expect(mapped.message).toBe("name: Name is required.");
    expect(appCodeOf(mapped)).toBe("input.invalid");
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

describe("the code, from a procedure to the client's parser", () => {
  const router = createTRPCRouter({
    refuse: publicProcedure.mutation(() => {
      throw new AppError("runs.too_many_running", "You already have 5 runs going.");
    }),
    refusePlan: publicProcedure.mutation(() => {
      throw new AppError("runs.invalid_plan", "The workflow cannot run: …", { nodeIds: ["tool-1"] });
    }),
    validate: publicProcedure.input(z.strictObject({ name: z.string().min(1) })).mutation(() => "never"),
    crash: publicProcedure.query(() => {
      throw new Error("a bug");
    }),
  });
  const client = createTRPCClient<typeof router>({
    links: [
      httpBatchLink({
        url: "http://app.test/api/trpc",
        transformer: superjson,
        fetch: (input, init) =>
          fetchRequestHandler({
            endpoint: "/api/trpc",
            req: new Request(input, init),
            router,
            createContext: () => createContextInner({ claims: null }),
          }),
      }),
    ],
  });
  const failure = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error("the call succeeded");
      },
      (error: unknown) => error,
    );

  it("an AppError answers with its status, its sentence and its code in data.appCode", async () => {
    const error = await failure(client.refuse.mutate());
    expect((error as { data?: { httpStatus?: number } }).data?.httpStatus).toBe(429);
    expect(appErrorOf(error)).toEqual({
      code: "runs.too_many_running",
      message: "You already have 5 runs going.",
      nodeIds: [],
    });
  });

  it("carries the ids of the nodes a refusal is about in data.nodeIds", async () => {
    const error = await failure(client.refusePlan.mutate());
    expect(appErrorOf(error)).toMatchObject({ code: "runs.invalid_plan", nodeIds: ["tool-1"] });
  });

  it("bad input answers input.invalid; an internal error answers internal with the generic sentence", async () => {
    expect(appErrorOf(await failure(client.validate.mutate({ name: "" }))).code).toBe("input.invalid");
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const crashed = appErrorOf(await failure(client.crash.query()));
      expect(crashed.code).toBe("internal");
      expect(crashed.message).toMatch(/^Something went wrong on our side/);
    } finally {
      spy.mockRestore();
    }
  });
});
