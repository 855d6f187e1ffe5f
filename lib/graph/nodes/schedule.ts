import { z } from "zod";
import { text } from "@/lib/text/storable";
import { labelField } from "./fields";
import { defineNode } from "./spec";

/** How a schedule is written: a preset or a cron expression (lib/triggers/schedule.ts reads it). */
export const SCHEDULE_MODES = ["every", "daily", "weekly", "cron"] as const;
/** What a slot missed while no scheduler ran (the server was down) becomes: one run on start, or nothing. */
export const MISSED_POLICIES = ["run-once", "skip"] as const;

/**
 * Starts a run on a schedule while the workflow is active. The run's input says which slot fired
 * (`scheduledFor`) and when (`firedAt`).
 */
export const scheduleNode = defineNode({
  type: "schedule",
  label: "Schedule trigger",
  description: "Starts a run on a schedule: every N minutes, daily, weekly or a cron expression.",
  data: z.strictObject({
    label: labelField,
    mode: z.enum(SCHEDULE_MODES),
    minutes: z.number().int().min(1).max(59),
    at: text().max(5),
    day: z.number().int().min(0).max(6),
    expression: text().max(200),
    timeZone: text().max(100),
    missed: z.enum(MISSED_POLICIES),
  }),
  defaults: {
    label: "Schedule",
    mode: "every",
    minutes: 15,
    at: "09:00",
    day: 1,
    expression: "0 * * * *",
    timeZone: "UTC",
    missed: "run-once",
  },
  inputs: [],
  outputs: [{ id: "out", label: "fire", kind: "json" }],
  size: { kind: "fixed", width: 210, height: 72 },
  runs: true,
  trigger: "schedule",
});
