import { z } from "zod";
import { jsonTextField, labelField } from "./fields";
import { defineNode } from "./spec";

/** Starts a run by hand; its JSON input is what flows out of it. */
export const triggerNode = defineNode({
  type: "trigger",
  label: "Manual trigger",
  description: "Starts a run by hand with a JSON input.",
  data: z.strictObject({ label: labelField, input: jsonTextField }),
  defaults: { label: "Start", input: "{}" },
  inputs: [],
  outputs: [{ id: "out", label: "input", kind: "json" }],
  size: { kind: "fixed", width: 210, height: 72 },
  runs: true,
  trigger: "manual",
});
