import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/platform/trpc/context";
import { link, tool, trigger } from "@/test/graph-fixtures";
import { insertTestUser, type TestUser } from "@/test/users";

// Every text a user sends is refused with BAD_REQUEST when Postgres could not store it (NUL, a
// lone surrogate), before anything is written: never an internal error carrying the database's words.

let alice: TestUser;
let api: ReturnType<typeof createCaller>;
let workflowId: string;

const NUL = "a\u0000b";
const LONE_SURROGATE = "a\uD800b";
const note = { id: "n", type: "note", position: { x: 0, y: 100 }, data: { text: "hello" } } as const;
const noDiff = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };

async function expectRefused(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error("the call succeeded"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("BAD_REQUEST");
  expect((error as TRPCError).message).toContain(UNSTORABLE_TEXT_MESSAGE);
}

beforeAll(async () => {
  alice = await insertTestUser(process.env.DATABASE_URL ?? "");
  api = createCaller(createContextInner({ claims: alice.claims }));
  workflowId = (await api.workflows.create({ name: "kept" })).id;
  await api.graph.save({
    workflowId,
    diff: { ...noDiff, upsertNodes: [trigger, tool, note], upsertEdges: [link] },
  });
});

const inputs: [string, (bad: string) => Promise<unknown>][] = [
  ["workflows.create name", (bad) => api.workflows.create({ name: bad })],
  ["workflows.create description", (bad) => api.workflows.create({ description: bad })],
  ["workflows.update name", (bad) => api.workflows.update({ id: workflowId, name: bad })],
  ["workflows.list search", (bad) => api.workflows.list({ search: bad })],
  ["versions.create label", (bad) => api.versions.create({ workflowId, label: bad })],
  ["users.updateProfile displayName", (bad) => api.users.updateProfile({ displayName: bad })],
  [
    "users.updateProfile avatarUrl",
    (bad) => api.users.updateProfile({ avatarUrl: `https://example.com/${bad}` }),
  ],
  [
    "graph.save node label",
    (bad) =>
      api.graph.save({
        workflowId,
        diff: { ...noDiff, upsertNodes: [{ ...trigger, data: { ...trigger.data, label: bad } }] },
      }),
  ],
  [
    "graph.save trigger input",
    (bad) =>
      api.graph.save({
        workflowId,
        diff: { ...noDiff, upsertNodes: [{ ...trigger, data: { ...trigger.data, input: bad } }] },
      }),
  ],
  [
    "graph.save note text",
    (bad) =>
      api.graph.save({ workflowId, diff: { ...noDiff, upsertNodes: [{ ...note, data: { text: bad } }] } }),
  ],
  [
    "graph.save protocol tool",
    (bad) =>
      api.graph.save({
        workflowId,
        diff: { ...noDiff, upsertNodes: [{ ...tool, data: { ...tool.data, tool: bad } }] },
      }),
  ],
  [
    "graph.save edge data value",
    (bad) =>
      api.graph.save({ workflowId, diff: { ...noDiff, upsertEdges: [{ ...link, data: { note: bad } }] } }),
  ],
  [
    "graph.save edge data key",
    (bad) =>
      api.graph.save({ workflowId, diff: { ...noDiff, upsertEdges: [{ ...link, data: { [bad]: 1 } }] } }),
  ],
  [
    "workflows.import name",
    (bad) =>
      api.workflows.import({ format: "tryliate.graph", version: 1, name: bad, nodes: [trigger], edges: [] }),
  ],
];

describe.each([
  ["a NUL character", NUL],
  ["a lone surrogate", LONE_SURROGATE],
])("text holding %s", (_, bad) => {
  it.each(inputs)("%s: BAD_REQUEST saying why, nothing changed", async (_name, call) => {
    const before = await api.graph.load({ workflowId });
    const listed = (await api.workflows.list({})).length;
    await expectRefused(call(bad));
    expect(await api.graph.load({ workflowId })).toEqual(before);
    expect((await api.workflows.list({})).length).toBe(listed);
  });
});
