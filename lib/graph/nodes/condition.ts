import { z } from "zod";
import { labelField } from "./fields";
import { defineNode } from "./spec";

/**
 * Branches a run: one expression over the run so far (`input`, `nodes.<id>`); the nodes after the
 * output it does not take are skipped.
 */
export const conditionNode = defineNode({
  type: "condition",
  label: "Condition",
  description: "Takes the true or the false branch by one expression.",
  data: z.strictObject({ label: labelField, expression: z.string().max(2000) }),
  defaults: { label: "If", expression: "input.ok = true" },
  inputs: [{ id: "in", label: "input", kind: "any" }],
  outputs: [
    { id: "true", label: "true", kind: "json" },
    { id: "false", label: "false", kind: "json" },
  ],
  size: { kind: "fixed", width: 180, height: 72 },
  runs: true,
});
