import { parseExpression } from "@/lib/runs/expression";
import { assertReadableRefs } from "@/lib/runs/node-refs";
import { StepError } from "@/server/runs/step-error";
import type { StepDefinition } from "./step";

/** Evaluates its expression over the run so far and carries on through `true` or `false`. */
export const conditionStep: StepDefinition<"condition"> = {
  async run({ node, data }) {
    const input = { expression: node.data.expression };
    let value: unknown;
    try {
      const parsed = parseExpression(node.data.expression);
      assertReadableRefs(parsed, data.nodes, "the expression");
      value = await parsed.evaluate(data);
    } catch (error) {
      throw new StepError((error as Error).message, false, input);
    }
    const taken = truthy(value);
    return { input, output: { value: taken }, handles: [String(taken)] };
  },
};

/** JSONata's own $boolean rules: empty strings, arrays and objects, zero and null are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  if (value && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}
