import { z } from "zod";
import { RUN_LIMITS } from "@/lib/runs/status";
import { text } from "@/lib/text/storable";
import { jsonTextField, labelField } from "./fields";
import { defineNode } from "./spec";

/** The "MCP tool" node: calls one tool of an MCP server with JSON arguments. */
export const protocolNode = defineNode({
  type: "protocol",
  label: "MCP tool",
  description: "Calls one tool of an MCP server.",
  data: z.strictObject({
    label: labelField,
    serverId: text().max(200).nullable(),
    tool: text().max(200).nullable(),
    args: jsonTextField,
    /** Attempts after the first when a call fails; left out: the run's default. */
    retries: z.number().int().min(0).max(RUN_LIMITS.maxRetries).optional(),
    /** How long one call may take before it is aborted; left out: the run's default. */
    timeoutSeconds: z.number().min(1).max(RUN_LIMITS.maxTimeoutSeconds).optional(),
  }),
  defaults: { label: "Call a tool", serverId: null, tool: null, args: "{}" },
  inputs: [{ id: "in", label: "input", kind: "any" }],
  outputs: [
    { id: "out", label: "result", kind: "json" },
    { id: "error", label: "error", kind: "json" },
  ],
  size: { kind: "fixed", width: 180, height: 72 },
  runs: true,
});
