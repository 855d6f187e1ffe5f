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
  return failingThrough({
    call: async () => {
      throw error;
    },
  });
}

function failingThrough(tools: ToolCaller): Promise<StepError> {
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

  it("arguments an SDK server refuses in an isError result (-32602) are not retried either", async () => {
    const text =
      "MCP error -32602: Input validation error: Invalid arguments for tool get-sum: a: expected number";
    const error = await failingThrough({
      call: async () => ({ content: [{ type: "text", text }], isError: true }),
    });
    expect([error.message, error.retryable]).toEqual([`get-sum answered with an error: ${text}`, false]);
  });

  it("any other tool error is retried", async () => {
    const error = await failingThrough({
      call: async () => ({ content: [{ type: "text", text: "the upstream API is down" }], isError: true }),
    });
    expect(error.retryable).toBe(true);
  });
});
