import { z } from "zod";
import { labelField } from "./fields";
import { defineNode } from "./spec";

export const MERGE_MODES = ["all", "first"] as const;

/**
 * Joins branches: `all` waits until every incoming branch has ended and outputs each one that
 * arrived, by node id; `first` goes on as soon as one arrives, with that branch's output.
 */
export const mergeNode = defineNode({
  type: "merge",
  label: "Merge",
  description: "Waits for all (or the first) of its incoming branches.",
  data: z.strictObject({ label: labelField, mode: z.enum(MERGE_MODES) }),
  defaults: { label: "Merge", mode: "all" },
  inputs: [{ id: "in", label: "branches", kind: "any" }],
  outputs: [{ id: "out", label: "merged", kind: "json" }],
  size: { kind: "fixed", width: 180, height: 72 },
  runs: true,
});
