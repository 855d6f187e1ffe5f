import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ProtocolNode as ProtocolNodeType } from "@/lib/graph/flow-types";
import { BoxNode } from "./box-node";

function ProtocolNodeView({ data, selected }: NodeProps<ProtocolNodeType>) {
  return (
    <BoxNode
      type="protocol"
      icon="⚙"
      label={data.label || "Call a tool"}
      kind="mcp"
      body={data.tool ? `${data.serverId} · ${data.tool}` : "No tool chosen"}
      selected={selected}
    />
  );
}

export const ProtocolNode = memo(ProtocolNodeView);
