import type { ChildProcess } from "node:child_process";

export type SuperviseOptions = {
  /** Starts the process (again). */
  start: () => ChildProcess;
  /** What the process is called in the log ("Next.js"). */
  name: string;
  log: (line: string) => void;
  /** Restarts allowed within `windowMs` before giving up (a process that cannot start at all). */
  maxRestarts?: number;
  windowMs?: number;
  /** Wait before a restart, doubled for each restart still inside the window. */
  backoffMs?: number;
  /** Called once when the restarts are used up, with the last exit code. */
  onGiveUp: (code: number) => void;
};

export type Supervised = {
  /** The process running now. */
  current(): ChildProcess;
  /** Stops watching (before a deliberate shutdown): an exit after this is not restarted. */
  release(): void;
};

/**
 * Keeps a child process running: when it exits on its own, it is started again after a short
 * wait, and the log says so; everything else the dev stack runs (Postgres, Auth, Realtime) stays
 * up meanwhile. A process that keeps exiting is given up on with a clear line.
 */
export function supervise(options: SuperviseOptions): Supervised {
  const { name, log, maxRestarts = 5, windowMs = 60_000, backoffMs = 1_000 } = options;
  let released = false;
  let restarts: number[] = [];
  let child = watch(options.start());

  function watch(process: ChildProcess): ChildProcess {
    process.on("exit", (code, signal) => {
      if (released) return;
      const now = Date.now();
      restarts = restarts.filter((at) => now - at < windowMs);
      const status = code ?? signal ?? "unknown";
      if (restarts.length >= maxRestarts) {
        log(
          `${name} exited (${status}) ${restarts.length + 1} times within ${windowMs / 1000} s: giving up.`,
        );
        released = true;
        options.onGiveUp(code ?? 1);
        return;
      }
      const wait = backoffMs * 2 ** restarts.length;
      restarts.push(now);
      log(
        `${name} exited (${status}); restarting it in ${wait / 1000} s. The database, Auth and Realtime keep running.`,
      );
      setTimeout(() => {
        if (!released) child = watch(options.start());
      }, wait);
    });
    return process;
  }

  return {
    current: () => child,
    release: () => {
      released = true;
    },
  };
}
