import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TriggerNode as TriggerNodeType } from "@/lib/graph/flow-types";
import { BoxNode } from "./box-node";

function TriggerNodeView({ data, selected }: NodeProps<TriggerNodeType>) {
  return (
    <BoxNode
      type="trigger"
      icon="▶"
      label={data.label || "Start"}
      kind="trigger"
      body="Manual start with a JSON input"
      selected={selected}
    />
  );
}

export const TriggerNode = memo(TriggerNodeView);
