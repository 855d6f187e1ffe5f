import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import { StepError } from "@/server/runs/step-error";
import type { ToolCaller } from "@/server/runs/tool-caller";
import { protocolStep } from "./protocol";

const node = {
  id: "sum",
  type: "protocol",
  position: { x: 0, y: 0 },
  data: { label: "Sum", serverId: "everything", tool: "get-sum", args: '{"a":1,"b":2}' },
} as Extract<WireNode, { type: "protocol" }>;

function failingWith(error: unknown): Promise<StepError> {
  const tools: ToolCaller = {
    call: async () => {
      throw error;
    },
  };
  return protocolStep
    .run({
      runId: "run_1",
      userId: "u",
      node,
      data: { input: {}, nodes: {} },
      arrived: ["t"],
      signal: new AbortController().signal,
      timeoutMs: 5_000,
      tools,
    })
    .then(
      () => {
        throw new Error("the step succeeded");
      },
      (caught: StepError) => caught,
    );
}

describe("protocol step errors", () => {
  it("the SDK's request timeout (by its code) becomes a retryable step error naming the limit", async () => {
    const error = await failingWith(new McpError(ErrorCode.RequestTimeout, "Request timed out"));
    expect(error).toBeInstanceOf(StepError);
    expect([error.message, error.retryable]).toEqual(["get-sum did not answer within 5 s.", true]);
  });

  it("a tool's own text mentioning a timeout is not taken for one", async () => {
    const error = await failingWith(new McpError(ErrorCode.InternalError, "upstream timed out"));
    expect(error.message).toBe("MCP error -32603: upstream timed out");
  });

  it("arguments the server refuses (-32602) are not retried", async () => {
    const error = await failingWith(new McpError(ErrorCode.InvalidParams, "a: expected a number"));
    expect(error.retryable).toBe(false);
  });
});
