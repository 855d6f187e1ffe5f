import { TRPCError } from "@trpc/server";
import type { SuperJSONResult } from "superjson";
import { REQUEST_LIMITS } from "@/lib/trpc/limits";
import { deserialize, hasKey, wire } from "@/lib/trpc/wire";
import { AppError } from "@/server/platform/errors/app-error";

const megabytes = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

/**
 * The same request, with a body that fails with PAYLOAD_TOO_LARGE (413) once it grows past
 * `maxBytes`, so an oversized body is refused without being read whole. The incoming stream is
 * never cancelled: Next.js feeds it from the socket without backpressure, and a cancelled stream
 * makes that feeding throw outside any request (an uncaught exception in the server's log).
 */
export function limitBody(req: Request, maxBytes: number = REQUEST_LIMITS.maxBodyBytes): Request {
  if (!req.body) return req;
  const tooLarge = () =>
    new TRPCError({
      code: "PAYLOAD_TOO_LARGE",
      message: `The request is larger than the ${megabytes(maxBytes)} the API accepts.`,
    });
  const declared = Number(req.headers.get("content-length") ?? 0);
  let size = 0;
  const body =
    declared > maxBytes
      ? new ReadableStream<Uint8Array>({ start: (controller) => controller.error(tooLarge()) })
      : req.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              size += chunk.byteLength;
              if (size > maxBytes) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
          { preventCancel: true },
        );
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    signal: req.signal,
    duplex: "half",
  } as RequestInit);
}

/** Throws BAD_REQUEST when a batched request (`?batch=1`) names more than `max` calls. */
export function assertBatchSize(req: Request, max: number = REQUEST_LIMITS.maxBatchSize): void {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return;
  const calls = url.pathname.slice(url.pathname.lastIndexOf("/") + 1).split(",").length;
  if (calls > max) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `A request may batch at most ${max} calls.` });
  }
}

/** Throws BAD_REQUEST when `value` nests deeper than `maxDepth` (walked without recursion). */
export function assertDepth(value: unknown, maxDepth: number = REQUEST_LIMITS.maxDepth): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== "object") continue;
    if (depth > maxDepth) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `The request is nested more than ${maxDepth} levels deep.`,
      });
    }
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
}

/**
 * The wire format both ways (superjson that carries `constructor` and `prototype` keys); inputs are
 * checked for depth before superjson walks them recursively, and a `__proto__` key, which no input
 * needs and which would turn into a prototype on the way into the database, is refused.
 */
export const transformer = {
  input: {
    serialize: wire.serialize,
    deserialize: (value: unknown) => {
      assertDepth(value);
      const input = deserialize(value as SuperJSONResult);
      if (hasKey(input, "__proto__")) {
        const message = 'The request has a property named "__proto__", which the API does not accept.';
        throw new TRPCError({
          code: "BAD_REQUEST",
          message,
          cause: new AppError("request.reserved_key", message),
        });
      }
      return input;
    },
  },
  output: wire,
};

/**
 * Plain words for the request errors tRPC words for developers (a JSON parser's position, its
 * position); undefined for every other error.
 */
export function readableRequestError(error: TRPCError): string | undefined {
  if (error.code !== "BAD_REQUEST") return undefined;
  if (error.cause instanceof SyntaxError) return "The request is not valid JSON.";
  return undefined;
}
