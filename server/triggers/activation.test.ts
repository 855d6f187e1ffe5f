import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import { webhookNode } from "@/lib/graph/nodes/webhook";
import { databaseUrl, graphOf as g, saveGraphRows, setUpOwnerAndIntruder } from "@/test/runs";
import { callerWithClaims, trpcError } from "@/test/trpc";

const env = setUpOwnerAndIntruder();

async function activationRows(workflowId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      "select 1 from public.workflow_activations where workflow_id = $1",
      [workflowId],
    );
    return rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe("activating a workflow", () => {
  it("refuses a graph a run would refuse, naming every failing node, and activates nothing", async () => {
    const s = env.fx.serverId;
    await saveGraphRows(
      env.fx.workflowId,
      [g.trigger(), g.tool("sum", s, "get-sum", { a: "one" }), g.tool("gone", "no-such-server", "x", {})],
      [g.edge("t", "sum"), g.edge("t", "gone")],
    );
    const api = callerWithClaims(env.fx.user.claims);
    const refused = await trpcError(api.triggers.setActive({ workflowId: env.fx.workflowId, active: true }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/^The workflow was not activated/);
    expect(refused.message).toContain('"sum" (sum): b: required');
    expect(refused.message).toContain('"gone" (gone)');
    // The editor marks the nodes a refusal names.
    expect((refused.cause as { nodeIds?: string[] }).nodeIds?.sort()).toEqual(["gone", "sum"]);
    expect(await activationRows(env.fx.workflowId)).toBe(0);
    expect(await api.triggers.activation({ workflowId: env.fx.workflowId })).toMatchObject({ active: false });
  });

  it("refuses a webhook that has no URL yet, naming it; once made, the workflow activates", async () => {
    const hook = {
      id: "w",
      type: "webhook",
      position: { x: 0, y: 0 },
      data: { ...webhookNode.defaults, label: "Orders in" },
    } as WireNode;
    await saveGraphRows(
      env.fx.workflowId,
      [hook, g.tool("echo", env.fx.serverId, "echo", { message: "hi" })],
      [g.edge("w", "echo")],
    );
    const api = callerWithClaims(env.fx.user.claims);
    const refused = await trpcError(api.triggers.setActive({ workflowId: env.fx.workflowId, active: true }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain('"Orders in" (w): the webhook has no URL yet');
    expect((refused.cause as { nodeIds?: string[] }).nodeIds).toEqual(["w"]);
    expect(await activationRows(env.fx.workflowId)).toBe(0);

    await api.triggers.webhooks.create({ workflowId: env.fx.workflowId, nodeId: "w" });
    expect(await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true })).toMatchObject({
      active: true,
    });
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  });

  it("refuses a workflow without a trigger", async () => {
    await saveGraphRows(env.fx.workflowId, [g.tool("echo", env.fx.serverId, "echo", { message: "x" })], []);
    const api = callerWithClaims(env.fx.user.claims);
    const refused = await trpcError(api.triggers.setActive({ workflowId: env.fx.workflowId, active: true }));
    expect([refused.code, refused.message]).toEqual([
      "BAD_REQUEST",
      expect.stringContaining("no trigger node"),
    ]);
  });

  it("activates a runnable workflow, shows it to its owner only, and deactivates it", async () => {
    await saveGraphRows(
      env.fx.workflowId,
      [g.trigger(), g.tool("echo", env.fx.serverId, "echo", { message: "{{ input.text }}" })],
      [g.edge("t", "echo")],
    );
    const api = callerWithClaims(env.fx.user.claims);
    const on = await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    expect(on).toMatchObject({ workflowId: env.fx.workflowId, active: true, activatedAt: expect.any(Date) });
    expect(await activationRows(env.fx.workflowId)).toBe(1);
    // Activating again keeps the first activation.
    expect(
      (await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true })).activatedAt,
    ).toEqual(on.activatedAt);

    const intruder = callerWithClaims(env.intruder.claims);
    expect(
      (await trpcError(intruder.triggers.setActive({ workflowId: env.fx.workflowId, active: false }))).code,
    ).toBe("NOT_FOUND");
    expect(await intruder.triggers.activation({ workflowId: env.fx.workflowId })).toMatchObject({
      active: false,
    });
    expect(await activationRows(env.fx.workflowId)).toBe(1);

    expect(await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false })).toMatchObject({
      active: false,
      activatedAt: null,
    });
    expect(await activationRows(env.fx.workflowId)).toBe(0);
  });

  it("says NOT_FOUND for a workflow that does not exist", async () => {
    const api = callerWithClaims(env.fx.user.claims);
    expect((await trpcError(api.triggers.setActive({ workflowId: randomUUID(), active: true }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
