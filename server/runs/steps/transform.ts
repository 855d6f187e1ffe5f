import { parseExpression } from "@/lib/runs/expression";
import { assertReadableRefs } from "@/lib/runs/node-refs";
import { StepError } from "@/server/runs/step-error";
import type { StepDefinition } from "./step";

/** Evaluates its expression over the run so far; the value (null when it gives nothing) is the output. */
export const transformStep: StepDefinition<"transform"> = {
  async run({ node, data }) {
    const input = { expression: node.data.expression };
    try {
      const parsed = parseExpression(node.data.expression);
      assertReadableRefs(parsed, data.nodes, "the expression");
      const value = await parsed.evaluate(data);
      return { input, output: value ?? null, handles: ["out"] };
    } catch (error) {
      throw new StepError((error as Error).message, false, input);
    }
  },
};
