import type { NodeProps } from "@xyflow/react";
import { memo, useMemo } from "react";
import styles from "@/components/canvas/editor.module.css";
import type { FlowNode } from "@/lib/graph/nodes";
import { scheduleNode } from "@/lib/graph/nodes/schedule";
import { previewSchedule, scheduleSpecOf } from "@/lib/triggers/schedule";
import { BoxNode } from "./box-node";
import { LabelField } from "./fields";
import type { NodeFormProps, NodeView } from "./view";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function ScheduleNodeView({ id, data, selected }: NodeProps<FlowNode<"schedule">>) {
  const preview = previewSchedule(scheduleSpecOf(data));
  return (
    <BoxNode
      nodeId={id}
      type="schedule"
      icon="⏱"
      label={data.label || scheduleNode.defaults.label}
      kind="schedule"
      body={preview.ok ? preview.description : "Invalid schedule"}
      selected={selected}
    />
  );
}

function timeZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
}

function ScheduleForm({ node, update }: NodeFormProps<"schedule">) {
  const { data } = node;
  const preview = previewSchedule(scheduleSpecOf(data));
  const zones = useMemo(timeZones, []);
  return (
    <>
      <LabelField value={data.label} onChange={(label) => update({ label }, "label")} />
      <label className={styles.field}>
        <span>Runs</span>
        <select
          value={data.mode}
          onChange={(e) => update({ mode: e.target.value as typeof data.mode }, "mode")}
        >
          <option value="every">Every N minutes</option>
          <option value="daily">Daily at</option>
          <option value="weekly">Weekly on</option>
          <option value="cron">Cron expression</option>
        </select>
      </label>
      {data.mode === "every" && (
        <label className={styles.field}>
          <span>Minutes between runs (1–59)</span>
          <input
            type="number"
            min={1}
            max={59}
            value={data.minutes}
            onChange={(e) => {
              const minutes = Math.round(Number(e.target.value));
              if (Number.isFinite(minutes))
                update({ minutes: Math.min(59, Math.max(1, minutes)) }, "minutes");
            }}
          />
        </label>
      )}
      {data.mode === "weekly" && (
        <label className={styles.field}>
          <span>Day</span>
          <select value={data.day} onChange={(e) => update({ day: Number(e.target.value) }, "day")}>
            {DAYS.map((day, i) => (
              <option key={day} value={i}>
                {day}
              </option>
            ))}
          </select>
        </label>
      )}
      {(data.mode === "daily" || data.mode === "weekly") && (
        <label className={styles.field}>
          <span>At (HH:MM)</span>
          <input
            type="time"
            value={data.at}
            onChange={(e) => update({ at: e.target.value.slice(0, 5) }, "at")}
          />
        </label>
      )}
      {data.mode === "cron" && (
        <label className={styles.field}>
          <span>Cron expression (5 fields, or 6 with seconds)</span>
          <input
            className={styles.code}
            value={data.expression}
            maxLength={200}
            spellCheck={false}
            onChange={(e) => update({ expression: e.target.value }, "expression")}
          />
        </label>
      )}
      <label className={styles.field}>
        <span>Time zone</span>
        <input
          value={data.timeZone}
          maxLength={100}
          list="schedule-time-zones"
          spellCheck={false}
          onChange={(e) => update({ timeZone: e.target.value }, "timeZone")}
        />
        <datalist id="schedule-time-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <label className={styles.field}>
        <span>A run missed while the server was down</span>
        <select
          value={data.missed}
          onChange={(e) => update({ missed: e.target.value as typeof data.missed }, "missed")}
        >
          <option value="run-once">Runs once when it starts again</option>
          <option value="skip">Is skipped</option>
        </select>
      </label>
      <section aria-label="Next runs" className={styles.field}>
        {preview.ok ? (
          <>
            <span>{preview.description}</span>
            <ol>
              {preview.next.map((fire) => (
                <li key={fire.at.toISOString()}>
                  <time dateTime={fire.at.toISOString()}>{fire.text}</time>
                </li>
              ))}
            </ol>
          </>
        ) : (
          <span role="alert" className={styles.fieldError}>
            {preview.error}
          </span>
        )}
      </section>
    </>
  );
}

export const scheduleView: NodeView<"schedule"> = { Node: memo(ScheduleNodeView), Form: ScheduleForm };
