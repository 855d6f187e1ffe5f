import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma, toolOutputs, turn, workflowWithTrigger } from "@/test/assistant";
import { readChunks } from "@/test/scripted-model";
import { insertTestUser, type TestUser } from "@/test/users";

const ids = {
  verified: `srv-v-${randomUUID().slice(0, 6)}`,
  revoked: `srv-r-${randomUUID().slice(0, 6)}`,
  none: `srv-n-${randomUUID().slice(0, 6)}`,
};
let erin: TestUser;
let frank: TestUser;

beforeAll(async () => {
  erin = await insertTestUser(process.env.DATABASE_URL ?? "");
  frank = await insertTestUser(process.env.DATABASE_URL ?? "");
  for (const id of Object.values(ids)) {
    await prisma.$executeRaw`insert into public.mcp_registry (id, name, url, data) values (${id}, ${id}, 'http://127.0.0.1:1/mcp', '{"tools":[]}'::jsonb)`;
  }
  await prisma.$executeRaw`insert into public.mcp_authorizations (user_id, server_name, status, credentials)
    values (${erin.id}::uuid, ${ids.verified}, 'verified', '{"v":1,"secret":"never shown"}'::jsonb),
           (${erin.id}::uuid, ${ids.revoked}, 'revoked', null),
           (${frank.id}::uuid, ${ids.none}, 'verified', null)`;
});

describe("list_registry", () => {
  it("gives the model each server with this user's status from the connections service, never a credential", async () => {
    const workflowId = await workflowWithTrigger(erin);
    const chunks = await readChunks(
      await turn(erin, workflowId, [{ toolCalls: [{ name: "list_registry", input: {} }] }, { text: "ok" }])
        .response,
    );
    const listed = (toolOutputs(chunks)[0]?.untrustedData ?? []) as { id: string; connection: string }[];
    const status = Object.fromEntries(
      listed.filter((s) => Object.values(ids).includes(s.id)).map((s) => [s.id, s.connection]),
    );
    // Frank's connection is his: for Erin that server is not connected.
    expect(status).toEqual({
      [ids.verified]: "verified",
      [ids.revoked]: "revoked",
      [ids.none]: "not connected",
    });
    expect(JSON.stringify(chunks)).not.toContain("never shown");
  });
});
