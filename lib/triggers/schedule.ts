import { Cron } from "croner";
import cronstrue from "cronstrue";

/** A schedule as the node holds it: a preset or a cron expression, always with its time zone. */
export type ScheduleSpec =
  | { kind: "every"; minutes: number; timeZone: string }
  | { kind: "daily"; at: string; timeZone: string }
  | { kind: "weekly"; day: number; at: string; timeZone: string }
  | { kind: "cron"; expression: string; timeZone: string };

export type SchedulePreview =
  | { ok: true; expression: string; description: string; next: { at: Date; text: string }[] }
  | { ok: false; error: string };

/** A schedule node's fields (lib/graph/nodes/schedule.ts) as the spec its mode picks. */
export function scheduleSpecOf(data: {
  mode: ScheduleSpec["kind"];
  minutes: number;
  at: string;
  day: number;
  expression: string;
  timeZone: string;
}): ScheduleSpec {
  const timeZone = data.timeZone.trim();
  if (data.mode === "every") return { kind: "every", minutes: data.minutes, timeZone };
  if (data.mode === "daily") return { kind: "daily", at: data.at, timeZone };
  if (data.mode === "weekly") return { kind: "weekly", day: data.day, at: data.at, timeZone };
  return { kind: "cron", expression: data.expression, timeZone };
}

/**
 * The slot a fire at `instant` belongs to: the schedule's latest fire time at or before it. A slot
 * is what makes a fire one run (the run's trigger key), however often the slot is delivered.
 */
export function slotAtOrBefore(expression: string, timeZone: string, instant: Date): Date | null {
  const job = new Cron(expression, { timezone: timeZone, paused: true });
  return job.previousRuns(1, new Date(instant.getTime() + 1))[0] ?? null;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The cron expression of a schedule (five fields; six with seconds), or why there is none. */
export function cronOf(spec: ScheduleSpec): { ok: true; expression: string } | { ok: false; error: string } {
  if (spec.kind === "cron") return { ok: true, expression: spec.expression.trim() };
  if (spec.kind === "every") {
    if (!Number.isInteger(spec.minutes) || spec.minutes < 1 || spec.minutes > 59)
      return { ok: false, error: "Every N minutes takes a whole number from 1 to 59." };
    return { ok: true, expression: spec.minutes === 1 ? "* * * * *" : `*/${spec.minutes} * * * *` };
  }
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(spec.at);
  if (!time) return { ok: false, error: `"${spec.at}" is not a time of day as HH:MM (00:00 to 23:59).` };
  const [hour, minute] = [Number(time[1]), Number(time[2])];
  if (spec.kind === "daily") return { ok: true, expression: `${minute} ${hour} * * *` };
  if (!Number.isInteger(spec.day) || spec.day < 0 || spec.day > 6)
    return { ok: false, error: "The day of the week is 0 (Sunday) to 6 (Saturday)." };
  return { ok: true, expression: `${minute} ${hour} * * ${spec.day}` };
}

/**
 * What the node shows: the schedule in plain words and its next `count` fire times in its time
 * zone, or a sentence saying what is wrong (an unknown time zone, an invalid expression).
 */
export function previewSchedule(spec: ScheduleSpec, from: Date = new Date(), count = 5): SchedulePreview {
  if (!isTimeZone(spec.timeZone))
    return {
      ok: false,
      error: `"${spec.timeZone}" is not a time zone (use a name like Europe/Paris or UTC).`,
    };
  const cron = cronOf(spec);
  if (!cron.ok) return cron;
  let job: Cron;
  try {
    job = new Cron(cron.expression, { timezone: spec.timeZone, paused: true });
  } catch (error) {
    return {
      ok: false,
      error: `"${cron.expression}" is not a valid cron expression: ${(error as Error).message}`,
    };
  }
  const next = job.nextRuns(count, from).map((at) => ({ at, text: describeInstant(at, spec.timeZone) }));
  if (next.length === 0) return { ok: false, error: `"${cron.expression}" never fires.` };
  const description =
    spec.kind === "weekly"
      ? `Every ${DAYS[spec.day]} at ${spec.at}`
      : cronstrue.toString(cron.expression, { use24HourTimeFormat: true, verbose: false });
  return { ok: true, expression: cron.expression, description: `${description} (${spec.timeZone})`, next };
}

function describeInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(at);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
