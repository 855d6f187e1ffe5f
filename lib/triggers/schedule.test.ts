import { describe, expect, it } from "vitest";
import { cronOf, previewSchedule, scheduleSpecOf, slotAtOrBefore } from "./schedule";

const from = new Date("2026-12-07T21:07:30Z");

describe("schedule previews", () => {
  it("gives the next five fire times of a cron expression in its time zone, in plain words", () => {
    const preview = previewSchedule(
      { kind: "cron", expression: "0 9 * * 1-5", timeZone: "Europe/Paris" },
      from,
    );
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.description).toBe("At 09:00, Monday through Friday (Europe/Paris)");
    // 09:00 in Paris is 08:00 UTC in winter.
    expect(preview.next.map((n) => n.at.toISOString())).toEqual([
      "2026-12-08T08:00:00.000Z",
      "2026-12-09T08:00:00.000Z",
      "2026-12-10T08:00:00.000Z",
      "2026-12-11T08:00:00.000Z",
      "2026-12-14T08:00:00.000Z",
    ]);
    expect(preview.next[0]?.text).toBe("Tue, 8 Dec 2026, 09:00:00");
  });

  it("turns presets into cron: every N minutes, daily at, weekly on", () => {
    expect(cronOf({ kind: "every", minutes: 15, timeZone: "UTC" })).toEqual({
      ok: true,
      expression: "*/15 * * * *",
    });
    expect(cronOf({ kind: "daily", at: "07:05", timeZone: "UTC" })).toEqual({
      ok: true,
      expression: "5 7 * * *",
    });
    expect(cronOf({ kind: "weekly", day: 1, at: "18:30", timeZone: "UTC" })).toEqual({
      ok: true,
      expression: "30 18 * * 1",
    });
    const weekly = previewSchedule(
      { kind: "weekly", day: 1, at: "18:30", timeZone: "America/New_York" },
      from,
    );
    expect(weekly).toMatchObject({ ok: true, description: "Every Monday at 18:30 (America/New_York)" });
    expect(weekly.ok && weekly.next[0]?.at.toISOString()).toBe("2026-12-07T23:30:00.000Z");
    const every = previewSchedule({ kind: "every", minutes: 1, timeZone: "UTC" }, from);
    expect(every.ok && every.next.map((n) => n.at.toISOString().slice(11, 19))).toEqual([
      "21:08:00",
      "21:09:00",
      "21:10:00",
      "21:11:00",
      "21:12:00",
    ]);
  });

  it("explains what is wrong instead of previewing", () => {
    expect(previewSchedule({ kind: "cron", expression: "61 * * * *", timeZone: "UTC" }, from)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"61 \* \* \* \*" is not a valid cron expression/),
    });
    expect(
      previewSchedule({ kind: "cron", expression: "* * * * *", timeZone: "Mars/Olympus" }, from),
    ).toEqual({
      ok: false,
      error: '"Mars/Olympus" is not a time zone (use a name like Europe/Paris or UTC).',
    });
    expect(previewSchedule({ kind: "daily", at: "24:00", timeZone: "UTC" }, from)).toMatchObject({
      ok: false,
      error: expect.stringContaining("not a time of day"),
    });
    expect(previewSchedule({ kind: "every", minutes: 0, timeZone: "UTC" }, from)).toMatchObject({
      ok: false,
    });
    expect(previewSchedule({ kind: "weekly", day: 7, at: "10:00", timeZone: "UTC" }, from)).toMatchObject({
      ok: false,
    });
  });
});

describe("schedule slots", () => {
  it("reads a schedule node's fields by its mode", () => {
    const data = {
      mode: "daily" as const,
      minutes: 5,
      at: "07:30",
      day: 2,
      expression: "x",
      timeZone: " UTC ",
    };
    expect(scheduleSpecOf(data)).toEqual({ kind: "daily", at: "07:30", timeZone: "UTC" });
    expect(scheduleSpecOf({ ...data, mode: "every" })).toEqual({
      kind: "every",
      minutes: 5,
      timeZone: "UTC",
    });
    expect(scheduleSpecOf({ ...data, mode: "weekly" })).toEqual({
      kind: "weekly",
      day: 2,
      at: "07:30",
      timeZone: "UTC",
    });
    expect(scheduleSpecOf({ ...data, mode: "cron" })).toEqual({
      kind: "cron",
      expression: "x",
      timeZone: "UTC",
    });
  });

  it("names the slot a fire belongs to: the latest fire time at or before it, in the schedule's zone", () => {
    const at = (iso: string) => slotAtOrBefore("*/5 * * * *", "UTC", new Date(iso))?.toISOString();
    expect(at("2026-12-07T21:10:00.000Z")).toBe("2026-12-07T21:10:00.000Z");
    expect(at("2026-12-07T21:14:59.999Z")).toBe("2026-12-07T21:10:00.000Z");
    expect(at("2026-12-07T21:15:00.400Z")).toBe("2026-12-07T21:15:00.000Z");
    // 09:00 in Paris is 08:00 UTC in winter.
    expect(slotAtOrBefore("0 9 * * *", "Europe/Paris", new Date("2026-12-08T08:00:20Z"))?.toISOString()).toBe(
      "2026-12-08T08:00:00.000Z",
    );
  });
});
