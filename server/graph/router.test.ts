import { beforeAll, describe, expect, it } from "vitest";
import { link, tool, trigger } from "@/test/graph-fixtures";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";

let alice: TestUser;
let bob: TestUser;
const callerFor = callerWithClaims;

beforeAll(async () => {
  alice = await insertTestUser(process.env.DATABASE_URL ?? "");
  bob = await insertTestUser(process.env.DATABASE_URL ?? "");
});

describe("graph router", () => {
  it("saves a diff, loads it back, exports and imports it as a new workflow", async () => {
    const api = callerFor(alice.claims);
    const wf = await api.workflows.create({});
    const viewport = { x: 3, y: 4, zoom: 1.5 };
    await api.graph.save({
      workflowId: wf.id,
      diff: { upsertNodes: [trigger, tool], deleteNodes: [], upsertEdges: [link], deleteEdges: [], viewport },
    });
    const loaded = await api.graph.load({ workflowId: wf.id });
    expect(loaded.nodes).toEqual([tool, trigger]);
    expect(loaded.edges).toEqual([link]);
    expect(loaded.workflow.viewport).toEqual(viewport);

    const file = await api.graph.export({ workflowId: wf.id });
    const imported = await api.workflows.import({ ...file, name: "From file" });
    expect(imported).toMatchObject({ name: "From file", nodeCount: 2 });
    expect((await api.graph.load({ workflowId: imported.id })).edges).toEqual([link]);
  });

  it("answers BAD_REQUEST with what and where, and keeps the graph", async () => {
    const api = callerFor(alice.claims);
    const wf = await api.workflows.create({ name: "guarded" });
    await api.graph.save({
      workflowId: wf.id,
      diff: { upsertNodes: [trigger], deleteNodes: [], upsertEdges: [], deleteEdges: [] },
    });
    const unknownField = await trpcError(
      api.graph.save({
        workflowId: wf.id,
        diff: {
          // @ts-expect-error a hostile client sends a field the schema does not know
          upsertNodes: [{ ...tool, selected: true }],
          deleteNodes: [],
          upsertEdges: [],
          deleteEdges: [],
        },
      }),
    );
    expect(unknownField.code).toBe("BAD_REQUEST");
    expect(unknownField.message).toContain("diff.upsertNodes.0");
    const missing = await trpcError(
      api.graph.save({
        workflowId: wf.id,
        diff: { upsertNodes: [], deleteNodes: [], upsertEdges: [link], deleteEdges: [] },
      }),
    );
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toContain('upsertEdges[0] (id "e"): target node "p" does not exist');
    expect((await api.graph.load({ workflowId: wf.id })).nodes).toEqual([trigger]);
  });

  it("refuses hostile payloads (50k nodes, 10 MB of data, wrong types) before touching the database", async () => {
    const api = callerFor(alice.claims);
    const wf = await api.workflows.create({ name: "hostile" });
    const many = Array.from({ length: 50_000 }, (_, i) => ({ ...trigger, id: `n${i}` }));
    const tooMany = await trpcError(
      api.graph.save({
        workflowId: wf.id,
        diff: { upsertNodes: many, deleteNodes: [], upsertEdges: [], deleteEdges: [] },
      }),
    );
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(tooMany.message).toContain("diff.upsertNodes");
    const huge = { ...trigger, data: { label: "x", input: "y".repeat(10 * 1024 * 1024) } };
    const tooBig = await trpcError(
      api.graph.save({
        workflowId: wf.id,
        diff: { upsertNodes: [huge], deleteNodes: [], upsertEdges: [], deleteEdges: [] },
      }),
    );
    expect(tooBig.message).toContain("diff.upsertNodes.0.data.input");
    const wrongType = await trpcError(
      api.graph.save({
        workflowId: wf.id,
        diff: {
          // @ts-expect-error a position that is not a number
          upsertNodes: [{ ...trigger, position: { x: "0", y: 0 } }],
          deleteNodes: [],
          upsertEdges: [],
          deleteEdges: [],
        },
      }),
    );
    expect(wrongType.code).toBe("BAD_REQUEST");
    expect((await api.graph.load({ workflowId: wf.id })).nodes).toEqual([]);
  });

  it("hides other users' workflows and needs a session", async () => {
    const wf = await callerFor(alice.claims).workflows.create({});
    expect((await trpcError(callerFor(bob.claims).graph.load({ workflowId: wf.id }))).code).toBe("NOT_FOUND");
    expect((await trpcError(callerFor(bob.claims).workflows.delete({ id: wf.id }))).code).toBe("NOT_FOUND");
    expect((await trpcError(callerFor(null).graph.load({ workflowId: wf.id }))).code).toBe("UNAUTHORIZED");
  });

  it("saves and lists versions and returns a snapshot", async () => {
    const api = callerFor(alice.claims);
    const wf = await api.workflows.create({});
    await api.graph.save({
      workflowId: wf.id,
      diff: { upsertNodes: [trigger], deleteNodes: [], upsertEdges: [], deleteEdges: [] },
    });
    const v = await api.versions.create({ workflowId: wf.id, label: "Before tools" });
    expect((await api.versions.list({ workflowId: wf.id })).map((x) => x.label)).toEqual(["Before tools"]);
    expect((await api.versions.get({ workflowId: wf.id, versionId: v.id })).nodes).toEqual([trigger]);
  });
});
