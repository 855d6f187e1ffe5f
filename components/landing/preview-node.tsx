"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { fixedSize } from "@/components/canvas/nodes/geometry";
import { NodeHandles } from "@/components/canvas/nodes/handles";
import nodeStyles from "@/components/canvas/nodes/nodes.module.css";
import runStyles from "@/components/canvas/runs/runs.module.css";
import type { PreviewNode, PreviewStatus } from "./sample-run";

const LABEL: Record<PreviewStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  skipped: "Skipped",
};

/** A node of the landing page's canvas: the editor's card and run badge, without its data hooks. */
export const PreviewNodeView = memo(function PreviewNodeView({
  data,
  status,
}: NodeProps<PreviewNode> & { status?: PreviewStatus }) {
  return (
    <div className={nodeStyles.node} style={fixedSize(data.type)}>
      <div className={nodeStyles.header}>
        <span aria-hidden>{data.icon}</span>
        <span className={nodeStyles.label}>{data.label}</span>
        <span className={nodeStyles.kind}>{data.kind}</span>
      </div>
      <div className={nodeStyles.body}>{data.body}</div>
      {status ? (
        <span className={`${runStyles.badge} ${runStyles[status]}`} data-status={status}>
          {LABEL[status]}
        </span>
      ) : null}
      <NodeHandles type={data.type} />
    </div>
  );
});
