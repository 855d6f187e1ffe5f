import { z } from "zod";
import { EXPRESSION_LIMITS } from "@/lib/runs/expression";
import { labelField } from "./fields";
import { defineNode } from "./spec";
import { onErrorField } from "./step-settings";

/**
 * Reshapes data between steps: one JSONata expression over the run so far (`input`,
 * `nodes.<id>`), whose value is the node's output.
 */
export const transformNode = defineNode({
  type: "transform",
  label: "Transform",
  description: "Reshapes data with a JSONata expression.",
  data: z.strictObject({
    label: labelField,
    expression: z.string().max(EXPRESSION_LIMITS.maxLength),
    onError: onErrorField,
  }),
  defaults: { label: "Transform", expression: "input" },
  inputs: [{ id: "in", label: "input", kind: "any" }],
  outputs: [
    { id: "out", label: "ok", kind: "json" },
    { id: "error", label: "error", kind: "json" },
  ],
  size: { kind: "fixed", width: 180, height: 72 },
  runs: true,
});
