import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { checkJsonArgs } from "@/lib/graph/json-args";
import type { FlowNode } from "@/lib/graph/nodes";
import { protocolNode } from "@/lib/graph/nodes/protocol";
import styles from "../editor.module.css";
import { TemplatePreview } from "../runs/template-preview";
import { BoxNode } from "./box-node";
import { JsonField, LabelField } from "./fields";
import type { NodeFormProps, NodeView } from "./view";

function ProtocolNodeView({ id, data, selected }: NodeProps<FlowNode<"protocol">>) {
  return (
    <BoxNode
      nodeId={id}
      type="protocol"
      icon="⚙"
      label={data.label || protocolNode.defaults.label}
      kind="mcp"
      body={data.tool ? `${data.serverId} · ${data.tool}` : "No tool chosen"}
      selected={selected}
    />
  );
}

function ProtocolForm({ node, update, registry }: NodeFormProps<"protocol">) {
  const server = registry.find((s) => s.id === node.data.serverId);
  const tool = server?.tools.find((t) => t.name === node.data.tool);
  return (
    <>
      <LabelField value={node.data.label} onChange={(label) => update({ label }, "label")} />
      <label className={styles.field}>
        <span>MCP server</span>
        <select
          value={node.data.serverId ?? ""}
          onChange={(e) => update({ serverId: e.target.value || null, tool: null }, "serverId")}
        >
          <option value="">Choose a server…</option>
          {registry.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        <span>Tool</span>
        <select
          value={node.data.tool ?? ""}
          disabled={!server}
          onChange={(e) => update({ tool: e.target.value || null }, "tool")}
        >
          <option value="">Choose a tool…</option>
          {server?.tools.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {tool?.description && <p className={styles.hint}>{tool.description}</p>}
      <JsonField
        label="Arguments (JSON)"
        value={node.data.args}
        problems={checkJsonArgs(node.data.args, tool?.inputSchema)}
        onChange={(args) => update({ args }, "args")}
      />
      <TemplatePreview args={node.data.args} />
    </>
  );
}

export const protocolView: NodeView<"protocol"> = { Node: memo(ProtocolNodeView), Form: ProtocolForm };
