import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import styles from "@/components/canvas/editor.module.css";
import type { FlowNode } from "@/lib/graph/nodes";
import { WEBHOOK_METHODS, WEBHOOK_WAIT_SECONDS, webhookNode } from "@/lib/graph/nodes/webhook";
import { BoxNode } from "./box-node";
import { LabelField } from "./fields";
import type { NodeFormProps, NodeView } from "./view";
import { WebhookEndpoint } from "./webhook-endpoint";

function WebhookNodeView({ id, data, selected }: NodeProps<FlowNode<"webhook">>) {
  return (
    <BoxNode
      nodeId={id}
      type="webhook"
      icon="⚡"
      label={data.label || webhookNode.defaults.label}
      kind="webhook"
      body={`${data.methods.join(", ")} · ${data.auth === "hmac" ? "HMAC signature" : "secret header"}`}
      selected={selected}
    />
  );
}

function WebhookForm({ node, update, workflowId }: NodeFormProps<"webhook">) {
  const { data } = node;
  const toggleMethod = (method: (typeof WEBHOOK_METHODS)[number], on: boolean) => {
    const methods = WEBHOOK_METHODS.filter((m) => (m === method ? on : data.methods.includes(m)));
    if (methods.length > 0) update({ methods }, "methods");
  };
  return (
    <>
      <LabelField value={data.label} onChange={(label) => update({ label }, "label")} />
      <WebhookEndpoint workflowId={workflowId} nodeId={node.id} auth={data.auth} />
      <label className={styles.field}>
        <span>Callers prove the secret with</span>
        <select
          value={data.auth}
          onChange={(e) => update({ auth: e.target.value as "hmac" | "header" }, "auth")}
        >
          <option value="hmac">HMAC signature of the body (Tryliate-Signature)</option>
          <option value="header">The secret in a header (X-Tryliate-Secret)</option>
        </select>
      </label>
      <fieldset className={styles.field}>
        <legend>Methods</legend>
        {WEBHOOK_METHODS.map((method) => (
          <label key={method}>
            <input
              type="checkbox"
              checked={data.methods.includes(method)}
              onChange={(e) => toggleMethod(method, e.target.checked)}
            />{" "}
            {method}
          </label>
        ))}
      </fieldset>
      <label className={styles.field}>
        <span>Respond</span>
        <select
          value={data.respond}
          onChange={(e) => update({ respond: e.target.value as "immediately" | "finished" }, "respond")}
        >
          <option value="immediately">Immediately (202 with the run id)</option>
          <option value="finished">When the run finishes (a node's output)</option>
        </select>
      </label>
      {data.respond === "finished" && (
        <>
          <label className={styles.field}>
            <span>Response body: output of node (id; empty = the last step)</span>
            <input
              value={data.responseNode}
              maxLength={200}
              onChange={(e) => update({ responseNode: e.target.value.trim() }, "responseNode")}
            />
          </label>
          <label className={styles.field}>
            <span>Response status</span>
            <input
              type="number"
              min={200}
              max={299}
              value={data.responseStatus}
              onChange={(e) =>
                update({ responseStatus: clamp(e.target.valueAsNumber, 200, 299) }, "responseStatus")
              }
            />
          </label>
          <label className={styles.field}>
            <span>Wait at most (seconds; then 202 and the run goes on)</span>
            <input
              type="number"
              min={WEBHOOK_WAIT_SECONDS.min}
              max={WEBHOOK_WAIT_SECONDS.max}
              value={data.waitSeconds}
              onChange={(e) =>
                update(
                  {
                    waitSeconds: clamp(
                      e.target.valueAsNumber,
                      WEBHOOK_WAIT_SECONDS.min,
                      WEBHOOK_WAIT_SECONDS.max,
                    ),
                  },
                  "waitSeconds",
                )
              }
            />
          </label>
        </>
      )}
    </>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
}

export const webhookView: NodeView<"webhook"> = { Node: memo(WebhookNodeView), Form: WebhookForm };
