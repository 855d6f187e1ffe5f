import { describe, expect, it } from "vitest";
import { FINISHED, statusesAt } from "./sample-run";

describe("the landing page's replayed run", () => {
  it("starts queued, runs one node at a time in order, and ends with the other branch skipped", () => {
    expect(statusesAt(0)).toEqual({
      hook: "running",
      fetch: "queued",
      vip: "queued",
      page: "queued",
      queue: "queued",
    });
    expect(statusesAt(3)).toMatchObject({ hook: "succeeded", fetch: "succeeded", vip: "queued" });
    expect(statusesAt(5)).toMatchObject({ vip: "succeeded", queue: "skipped", page: "queued" });
    expect(FINISHED).toEqual({
      hook: "succeeded",
      fetch: "succeeded",
      vip: "succeeded",
      page: "succeeded",
      queue: "skipped",
    });
  });

  it("starts over after resting finished", () => {
    const cycle = 12;
    expect(statusesAt(cycle)).toEqual(statusesAt(0));
    for (let tick = 8; tick < cycle; tick++) expect(statusesAt(tick)).toEqual(FINISHED);
  });
});
