import type { NodeTypes } from "@xyflow/react";
import { NoteNode } from "./note-node";
import { ProtocolNode } from "./protocol-node";
import { TriggerNode } from "./trigger-node";

/** Defined once at module level, so React Flow never sees a new object and remounts nodes. */
export const nodeTypes = {
  trigger: TriggerNode,
  protocol: ProtocolNode,
  note: NoteNode,
} satisfies NodeTypes;
