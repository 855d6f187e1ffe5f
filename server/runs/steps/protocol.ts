import { RUN_LIMITS } from "@/lib/runs/status";
import { renderTemplates } from "@/lib/runs/template";
import { isMcpTimeout, refusesArguments } from "@/server/mcp";
import { StepError } from "@/server/runs/step-error";
import type { StepDefinition } from "./step";

/** Calls the node's tool with its arguments, templates filled in, as the run's owner. */
export const protocolStep: StepDefinition<"protocol"> = {
  retries: (node) => node.data.retries,
  backoffSeconds: (node) => node.data.backoffSeconds,
  timeoutSeconds: (node) => node.data.timeoutSeconds,
  async run({ node, data, userId, signal, timeoutMs, tools }) {
    const { serverId, tool } = node.data;
    if (!serverId || !tool) throw new StepError("No tool is chosen.", false);
    let args: Record<string, unknown>;
    try {
      args = (await renderTemplates(JSON.parse(node.data.args), data)) as Record<string, unknown>;
    } catch (error) {
      throw new StepError((error as Error).message, false, node.data.args);
    }
    const input = { server: serverId, tool, arguments: args };
    let result: Awaited<ReturnType<typeof tools.call>>;
    try {
      result = await tools.call({ userId, serverId, tool, args, signal, timeoutMs });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const message = (error as Error).message;
      // -32602: the server refused the arguments; the same arguments will be refused again.
      const invalidParams = (error as { code?: number }).code === -32602;
      const permanent = invalidParams || (error instanceof StepError && !error.retryable);
      throw new StepError(
        isMcpTimeout(error) ? `${tool} did not answer within ${timeoutMs / 1000} s.` : message,
        !permanent,
        input,
      );
    }
    if (result.isError) {
      const message = `${tool} answered with an error: ${textOf(result.content)}`;
      throw new StepError(message, !refusesArguments(result), input);
    }
    const output: Record<string, unknown> = { content: result.content };
    if (result.structuredContent !== undefined) output.structuredContent = result.structuredContent;
    return { input, output, handles: ["out"] };
  },
};

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return "no details";
  const text = content
    .map((part) => (part && typeof part === "object" && "text" in part ? String(part.text) : ""))
    .filter(Boolean)
    .join(" ");
  return (text || "no details").slice(0, 2000);
}

export const PROTOCOL_DEFAULTS = {
  retries: RUN_LIMITS.defaultRetries,
  timeoutSeconds: RUN_LIMITS.defaultTimeoutSeconds,
};
