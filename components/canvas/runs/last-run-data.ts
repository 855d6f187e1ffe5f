"use client";
import { useQuery } from "@tanstack/react-query";
import type { TemplateData } from "@/lib/runs/template";
import { useTRPC } from "@/lib/trpc/client";
import type { RunDetail } from "@/lib/trpc/types";
import { useRunView } from "./run-view-context";

/** What templates and expressions read, as the run on screen left it: its input and each node's output. */
export function templateDataOf(run: Pick<RunDetail, "input" | "steps">): TemplateData {
  const nodes: Record<string, unknown> = {};
  for (const step of run.steps) {
    if (step.nodeId && step.event === "succeeded") nodes[step.nodeId] = step.payload.output;
    if (step.nodeId && step.event === "failed") nodes[step.nodeId] = { error: step.error };
  }
  return { input: run.input, nodes };
}

/** The run on screen (the last run, or the one picked in the Runs panel), loaded when `enabled`. */
export function useLastRun(enabled: boolean) {
  const trpc = useTRPC();
  const runId = useRunView((s) => s.runId);
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ id: runId ?? "" }),
    enabled: Boolean(runId) && enabled,
  });
  return { runId, run: run.data };
}
