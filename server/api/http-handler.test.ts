import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "@/lib/trpc/limits";
import { createContextInner } from "@/server/platform/trpc/context";
import { insertTestUser, type TestUser } from "@/test/users";
import { handleTrpcRequest } from "./http-handler";

// The handler behind /api/trpc, given hostile requests from a signed-in user (so every body is
// read and parsed): each gets a status and a sentence a person understands, and nothing is written.

const BASE = "http://localhost/api/trpc";
let alice: TestUser;

beforeAll(async () => {
  alice = await insertTestUser(process.env.DATABASE_URL ?? "");
});

const call = (req: Request) =>
  handleTrpcRequest(req, async () => createContextInner({ claims: alice.claims }));

const post = (path: string, body: BodyInit) =>
  call(
    new Request(`${BASE}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body }),
  );

type ErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };

async function errorOf(response: Response) {
  const body = (await response.json()) as ErrorBody | ErrorBody[];
  const error = (Array.isArray(body) ? body[0] : body)?.error.json;
  return { status: response.status, code: error?.data.code, message: error?.message };
}

async function workflowNames(): Promise<string[]> {
  const response = await call(
    new Request(`${BASE}/workflows.list?input=${encodeURIComponent('{"json":{}}')}`),
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { data: unknown } };
  return superjson.deserialize<Array<{ name: string }>>(body.result.data as never).map((w) => w.name);
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("/api/trpc hostile requests", () => {
  it("answers a body that is not JSON with BAD_REQUEST in plain words", async () => {
    const result = await errorOf(await post("workflows.create", '{"json": {"name": "unterminated'));
    expect(result).toEqual({ status: 400, code: "BAD_REQUEST", message: "The request is not valid JSON." });
  });

  it("answers a 10 MB body with 413 naming the limit, without reading it whole", async () => {
    const name = "x".repeat(10 * 1024 * 1024);
    const result = await errorOf(await post("workflows.create", JSON.stringify({ json: { name } })));
    expect(result).toEqual({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: "The request is larger than the 8 MB the API accepts.",
    });
  });

  it("answers an oversized body sent without a length (streamed) with 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(`${BASE}/workflows.create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const result = await errorOf(await call(request));
    expect(result.status).toBe(413);
    expect(result.message).toBe("The request is larger than the 8 MB the API accepts.");
    expect(sent).toBeLessThan(12);
  });

  it("answers 100,000 levels of nesting with BAD_REQUEST naming the limit", async () => {
    const body = `{"json": {"name": ${nested(100_000)}}}`;
    const result = await errorOf(await post("workflows.create", body));
    expect(result).toEqual({
      status: 400,
      code: "BAD_REQUEST",
      message: `The request is nested more than ${REQUEST_LIMITS.maxDepth} levels deep.`,
    });
  });

  it("checks the depth of query inputs (GET) too", async () => {
    const input = encodeURIComponent(`{"json": {"workflowId": ${nested(2_000)}}}`);
    const result = await errorOf(await call(new Request(`${BASE}/graph.load?input=${input}`)));
    expect(result.status).toBe(400);
    expect(result.message).toBe(`The request is nested more than ${REQUEST_LIMITS.maxDepth} levels deep.`);
  });

  it("answers a batch of more calls than the client ever sends with BAD_REQUEST", async () => {
    const paths = Array.from({ length: REQUEST_LIMITS.maxBatchSize + 1 }, () => "workflows.create").join(",");
    const inputs = Object.fromEntries(
      Array.from({ length: REQUEST_LIMITS.maxBatchSize + 1 }, (_, i) => [
        i,
        { json: { name: `batch ${i}` } },
      ]),
    );
    const result = await errorOf(await post(`${paths}?batch=1`, JSON.stringify(inputs)));
    expect(result).toEqual({
      status: 400,
      code: "BAD_REQUEST",
      message: `A request may batch at most ${REQUEST_LIMITS.maxBatchSize} calls.`,
    });
  });

  it("still takes a batch within the limit and normal requests afterwards; hostile ones wrote nothing", async () => {
    expect(await workflowNames()).toEqual([]);
    const name = `fine ${randomUUID()}`;
    const paths = Array.from({ length: REQUEST_LIMITS.maxBatchSize }, () => "workflows.create").join(",");
    const inputs = Object.fromEntries(
      Array.from({ length: REQUEST_LIMITS.maxBatchSize }, (_, i) => [i, { json: { name: `${name} ${i}` } }]),
    );
    const response = await post(`${paths}?batch=1`, JSON.stringify(inputs));
    expect(response.status).toBe(200);
    expect(await workflowNames()).toHaveLength(REQUEST_LIMITS.maxBatchSize);
  });
});
