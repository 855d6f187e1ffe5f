import { RUN_CANCELLED, RUN_REQUESTED } from "./inngest";
import {
  type PlannedRun,
  type RunEngine,
  type RunRequest,
  requestIdFor,
  type StartedRun,
} from "./run-engine";
import type { RunStore } from "./store";

export type EventSender = {
  send(event: { name: string; data: Record<string, unknown>; id?: string }): Promise<unknown>;
};

/** Runs as Inngest functions: one event per run; Inngest names the run and replays it after a crash. */
export class InngestRunEngine implements RunEngine {
  readonly name = "inngest" as const;

  constructor(private readonly deps: { store: RunStore; events: () => Promise<EventSender> }) {}

  async start(run: PlannedRun): Promise<StartedRun> {
    const data: RunRequest = { ...run, requestId: requestIdFor(run) };
    if (run.trigger.key && (await this.deps.store.byRequest(data.requestId)))
      return { id: null, requestId: data.requestId, engine: this.name, repeated: true };
    // A keyed start's event id is its request id: Inngest drops a second event with the same id.
    const id = run.trigger.key ? { id: data.requestId } : {};
    await (await this.deps.events()).send({ name: RUN_REQUESTED, data, ...id });
    return { id: null, requestId: data.requestId, engine: this.name, repeated: false };
  }

  async cancel(run: { id: string; requestId: string | null }): Promise<void> {
    const { store } = this.deps;
    // The step in flight learns of it from the database; the event cancels the steps not yet begun.
    await store.requestCancel(run.id);
    if (run.requestId)
      await (await this.deps.events()).send({ name: RUN_CANCELLED, data: { requestId: run.requestId } });
    await store.setStatus(run.id, "cancelled", { error: "Cancelled." });
  }

  async resume(): Promise<string[]> {
    return [];
  }
}
