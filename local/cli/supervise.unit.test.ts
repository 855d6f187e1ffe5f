import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { type Supervised, supervise } from "./supervise";

const node = (code: string) => spawn(process.execPath, ["-e", code], { stdio: "ignore" });
const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

let supervised: Supervised | undefined;
afterEach(() => {
  supervised?.release();
  supervised?.current().kill("SIGKILL");
});

describe("supervise", () => {
  it("starts a crashed process again and says so, leaving the rest up", async () => {
    const lines: string[] = [];
    const started: ChildProcess[] = [];
    supervised = supervise({
      name: "app",
      log: (line) => lines.push(line),
      backoffMs: 10,
      onGiveUp: () => lines.push("gave up"),
      // The first one crashes, the second keeps running.
      start: () => {
        const child = node(started.length === 0 ? "process.exit(3)" : "setInterval(() => {}, 1000)");
        started.push(child);
        return child;
      },
    });
    await until(() => started.length === 2);
    expect(lines).toEqual([
      "app exited (3); restarting it in 0.01 s. The database, Auth and Realtime keep running.",
    ]);
    expect(supervised.current()).toBe(started[1]);
  });

  it("restarts a process killed by a signal", async () => {
    let starts = 0;
    supervised = supervise({
      name: "app",
      log: () => {},
      backoffMs: 10,
      onGiveUp: () => {},
      start: () => {
        starts++;
        return node("setInterval(() => {}, 1000)");
      },
    });
    supervised.current().kill("SIGKILL");
    await until(() => starts === 2);
  });

  it("gives up on a process that keeps exiting, once, with its exit code", async () => {
    const gaveUp: number[] = [];
    const lines: string[] = [];
    supervised = supervise({
      name: "app",
      log: (line) => lines.push(line),
      backoffMs: 1,
      maxRestarts: 2,
      onGiveUp: (code) => gaveUp.push(code),
      start: () => node("process.exit(7)"),
    });
    await until(() => gaveUp.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gaveUp).toEqual([7]);
    expect(lines.at(-1)).toBe("app exited (7) 3 times within 60 s: giving up.");
  });

  it("does not restart after release (a deliberate shutdown)", async () => {
    let starts = 0;
    supervised = supervise({
      name: "app",
      log: () => {},
      backoffMs: 1,
      onGiveUp: () => {},
      start: () => {
        starts++;
        return node("setTimeout(() => process.exit(0), 50)");
      },
    });
    supervised.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts).toBe(1);
  });
});
