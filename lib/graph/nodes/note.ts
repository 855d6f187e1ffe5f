import { z } from "zod";
import { GRAPH_LIMITS } from "@/lib/graph/limits";
import { text } from "@/lib/text/storable";
import { defineNode } from "./spec";

/** A sticky note on the canvas; it has no handles and never runs. */
export const noteNode = defineNode({
  type: "note",
  label: "Note",
  description: "A sticky note; never runs.",
  data: z.strictObject({ text: text().max(GRAPH_LIMITS.maxNodeDataBytes) }),
  defaults: { text: "" },
  inputs: [],
  outputs: [],
  size: { kind: "resizable", minWidth: 160, minHeight: 90 },
  runs: false,
});
