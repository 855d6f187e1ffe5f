import { z } from "zod";
import { text } from "@/lib/text/storable";
import { jsonTextField, labelField } from "./fields";
import { defineNode } from "./spec";
import { onErrorField, retrySettingsShape } from "./step-settings";

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
    ...retrySettingsShape,
    onError: onErrorField,
  }),
  defaults: { label: "Call a tool", serverId: null, tool: null, args: "{}" },
  inputs: [{ id: "in", label: "input", kind: "any" }],
  outputs: [
    { id: "out", label: "ok", kind: "json" },
    { id: "error", label: "error", kind: "json" },
  ],
  size: { kind: "fixed", width: 180, height: 72 },
  runs: true,
});
