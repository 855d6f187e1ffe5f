import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserialize, serialize } from "@/lib/trpc/wire";
import { createContextInner } from "@/server/platform/trpc/context";
import { sql } from "@/test/realtime-clients";
import { insertTestUser, type TestUser } from "@/test/users";
import { handleTrpcRequest } from "./http-handler";

// `constructor` and `prototype` are ordinary JSON property names (a JSON Schema may declare them, a
// tool may return them); the API answers data holding them like any other, for every procedure.

const BASE = "http://localhost/api/trpc";
const databaseUrl = process.env.DATABASE_URL ?? "";
const entryId = `reserved-keys-${randomUUID().slice(0, 8)}`;
const runId = `run-${randomUUID()}`;
const schema = {
  type: "object",
  properties: { constructor: { type: "string" }, prototype: { type: "number" }, "~constructor": {} },
};
const result = { content: [{ type: "text", text: "ok" }], structuredContent: { constructor: { name: "x" } } };
let alice: TestUser;

beforeAll(async () => {
  alice = await insertTestUser(databaseUrl);
  await sql("insert into public.mcp_registry (id, name, url, type, data) values ($1, $1, null, 'tool', $2)", [
    entryId,
    { description: "reserved keys", tools: [{ name: "echo", inputSchema: schema }] },
  ]);
  const rows = await sql("insert into public.workflows (user_id, name) values ($1, 'keys') returning id", [
    alice.id,
  ]);
  await sql(
    `insert into public.executions (id, workflow_id, user_id, status, input, output, finished_at)
     values ($1, $2, $3, 'succeeded', $4, $5, now())`,
    [runId, rows[0]?.id, alice.id, { constructor: 1, prototype: [2] }, result],
  );
  await sql(
    `insert into public.execution_logs (execution_id, workflow_id, node_id, step_name, event, payload)
     values ($1, $2, 'tool', 'tool', 'succeeded', $3)`,
    [runId, rows[0]?.id, { output: result }],
  );
});

afterAll(async () => {
  await sql("delete from public.mcp_registry where id = $1", [entryId]);
});

const context = async () => createContextInner({ claims: alice.claims });

async function refusal(path: string, input: unknown) {
  const response = await handleTrpcRequest(
    new Request(`${BASE}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(serialize(input)),
    }),
    context,
  );
  const body = (await response.json()) as { error: { json: { message: string; data: { appCode: string } } } };
  return { status: response.status, code: body.error.json.data.appCode, message: body.error.json.message };
}

async function query(path: string, input: unknown) {
  const url = `${BASE}/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await handleTrpcRequest(new Request(url), context);
  const body = (await response.json()) as { result?: { data: never }; error?: unknown };
  expect(body.error).toBeUndefined();
  expect(response.status).toBe(200);
  return deserialize<Record<string, unknown>>(body.result?.data as never);
}

describe("JSON with properties named constructor or prototype", () => {
  it("registry.list answers, with the schema as stored", async () => {
    const entries = (await query("registry.list", { search: entryId })) as unknown as Array<{
      id: string;
      tools: Array<{ inputSchema: unknown }>;
    }>;
    const entry = entries.find((e) => e.id === entryId);
    expect(entry?.tools[0]?.inputSchema).toEqual(schema);
  });

  it("runs.get answers, with the input and every step's output as stored", async () => {
    const run = (await query("runs.get", { id: runId })) as {
      input: unknown;
      output: unknown;
      steps: Array<{ payload: { output: unknown } }>;
    };
    expect(run.input).toEqual({ constructor: 1, prototype: [2] });
    expect(run.output).toEqual(result);
    expect(run.steps[0]?.payload.output).toEqual(result);
  });
});

describe("a property named __proto__", () => {
  it("in a run's input is refused with a code, and no run starts", async () => {
    const workflow = await sql("select workflow_id from public.executions where id = $1", [runId]);
    const before = await sql("select count(*)::int as n from public.executions where user_id = $1", [
      alice.id,
    ]);
    const result = await refusal("runs.start", {
      workflowId: workflow[0]?.workflow_id,
      input: '{"a": {"__proto__": {"admin": true}}}',
    });
    expect(result).toEqual({
      status: 400,
      code: "runs.invalid_input",
      message: 'The input has a property named "__proto__", which runs do not accept.',
    });
    const after = await sql("select count(*)::int as n from public.executions where user_id = $1", [
      alice.id,
    ]);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("in any other input is refused with a code", async () => {
    const input = JSON.parse('{"name": "x", "__proto__": {"admin": true}}');
    expect(await refusal("workflows.create", input)).toEqual({
      status: 400,
      code: "request.reserved_key",
      message: 'The request has a property named "__proto__", which the API does not accept.',
    });
  });
});
