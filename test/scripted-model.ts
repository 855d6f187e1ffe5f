import { simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";

/** One model reply: some text, or tool calls (the AI SDK then runs them and asks again). */
export type ScriptStep = { text?: string; toolCalls?: { name: string; input: unknown }[] };

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

/**
 * A language model (the AI SDK's own mock, `ai/test`) that answers each call with the next scripted
 * step; every call's prompt is kept in `doStreamCalls`. Each step reports 10 input + 5 output tokens.
 */
export function scriptedModel(steps: ScriptStep[]) {
  let call = 0;
  return new MockLanguageModelV4({
    doStream: async () => {
      const step = steps[Math.min(call, steps.length - 1)] ?? { text: "" };
      call += 1;
      const chunks: unknown[] = [];
      if (step.text !== undefined) {
        chunks.push(
          { type: "text-start", id: `t${call}` },
          { type: "text-delta", id: `t${call}`, delta: step.text },
          { type: "text-end", id: `t${call}` },
        );
      }
      (step.toolCalls ?? []).forEach((toolCall, i) => {
        chunks.push({
          type: "tool-call",
          toolCallId: `call-${call}-${i}`,
          toolName: toolCall.name,
          input: JSON.stringify(toolCall.input),
        });
      });
      chunks.push({
        type: "finish",
        finishReason: { unified: step.toolCalls?.length ? "tool-calls" : "stop", raw: undefined },
        usage: usage(10, 5),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the stream part union of the provider spec
      return { stream: simulateReadableStream({ chunks: chunks as any[] }) };
    },
  });
}

/** The UI message chunks of a streamed response (server-sent events), in order. */
export async function readChunks(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}
