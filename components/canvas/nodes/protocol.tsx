import { useQuery } from "@tanstack/react-query";
import type { NodeProps } from "@xyflow/react";
import dynamic from "next/dynamic";
import { memo } from "react";
import styles from "@/components/canvas/editor.module.css";
import { TemplatePreview } from "@/components/canvas/runs/template-preview";
import { checkJsonArgs } from "@/lib/graph/json-args";
import type { FlowNode } from "@/lib/graph/nodes";
import { protocolNode } from "@/lib/graph/nodes/protocol";
import { initialValue } from "@/lib/mcp/tool-args";
import { useTRPC } from "@/lib/trpc/client";
import { BoxNode } from "./box-node";
import { JsonField, LabelField } from "./fields";
import { OnErrorField, RetryFields } from "./step-settings";
import type { NodeFormProps, NodeView } from "./view";

// The schema form loads when a tool node is first inspected, not with every editor.
const ToolArgsEditor = dynamic(() => import("@/components/mcp/schema-form").then((m) => m.ToolArgsEditor), {
  ssr: false,
  loading: () => <p className={styles.hint}>Loading the arguments form…</p>,
});

/**
 * This user's status for a server (one shared query for every node and the inspector); `open`: not
 * connected, and no need to be (the server answers without credentials).
 */
function useConnectionStatus(serverId: string | null): "verified" | "idle" | "revoked" | "open" | null {
  const trpc = useTRPC();
  const connections = useQuery({
    ...trpc.connections.list.queryOptions(),
    staleTime: 60_000,
    enabled: Boolean(serverId),
  });
  if (!serverId || !connections.data) return null;
  const found = connections.data.find((c) => c.serverId === serverId);
  if (found && found.status === "idle" && !found.needsCredentials) return "open";
  return found?.status ?? "idle";
}

const STATUS_WORDS = {
  verified: " · connected",
  open: "",
  idle: " · not connected",
  revoked: " · not connected",
};

function ProtocolNodeView({ id, data, selected }: NodeProps<FlowNode<"protocol">>) {
  const status = useConnectionStatus(data.serverId);
  const connection = status ? STATUS_WORDS[status] : "";
  return (
    <BoxNode
      nodeId={id}
      type="protocol"
      icon="⚙"
      label={data.label || protocolNode.defaults.label}
      kind="mcp"
      body={data.tool ? `${data.serverId} · ${data.tool}${connection}` : "No tool chosen"}
      selected={selected}
    />
  );
}

function ProtocolForm({ node, update, registry }: NodeFormProps<"protocol">) {
  const servers = registry.filter((s) => s.type === "server");
  const server = servers.find((s) => s.id === node.data.serverId);
  const tool = server?.tools.find((t) => t.name === node.data.tool);
  const status = useConnectionStatus(node.data.serverId);
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
          {servers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {server ? (
        <p className={styles.hint} data-testid="connection-hint">
          {status === "verified" ? (
            "You are connected to this server."
          ) : status === "open" ? (
            "This server needs no credentials: its tools work without connecting."
          ) : (
            <>
              You are not connected to this server: <a href="/connections">connect on the Connections page</a>
              .
            </>
          )}
        </p>
      ) : null}
      <label className={styles.field}>
        <span>Tool</span>
        <select
          value={node.data.tool ?? ""}
          disabled={!server}
          onChange={(e) => {
            const chosen = server?.tools.find((t) => t.name === e.target.value);
            // A newly chosen tool starts from its schema's defaults.
            const args = chosen?.inputSchema
              ? JSON.stringify(initialValue(chosen.inputSchema) ?? {}, null, 2)
              : node.data.args;
            update({ tool: e.target.value || null, args }, "tool");
          }}
        >
          <option value="">Choose a tool…</option>
          {server?.tools.map((t) => (
            <option key={t.name} value={t.name}>
              {t.title ? `${t.title} (${t.name})` : t.name}
            </option>
          ))}
        </select>
      </label>
      {tool?.description ? <p className={styles.hint}>{tool.description}</p> : null}
      {tool?.inputSchema ? (
        <ToolArgsEditor
          schema={tool.inputSchema}
          text={node.data.args}
          onChange={(args) => update({ args }, "args")}
        />
      ) : (
        <JsonField
          label="Arguments (JSON)"
          value={node.data.args}
          problems={checkJsonArgs(node.data.args, tool?.inputSchema)}
          onChange={(args) => update({ args }, "args")}
        />
      )}
      <TemplatePreview args={node.data.args} />
      <RetryFields value={node.data} onChange={update} />
      <OnErrorField value={node.data.onError} onChange={update} />
    </>
  );
}

export const protocolView: NodeView<"protocol"> = { Node: memo(ProtocolNodeView), Form: ProtocolForm };
