"use client";
import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { createRunViewStore, type RunViewState, type RunViewStore } from "./run-view-store";

const RunViewContext = createContext<RunViewStore | null>(null);

export function RunViewProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createRunViewStore);
  return <RunViewContext.Provider value={store}>{children}</RunViewContext.Provider>;
}

export function useRunViewStore(): RunViewStore | null {
  return useContext(RunViewContext);
}

const empty: RunViewState = { runId: null, runStatus: null, nodes: {} };
const emptyStore = createRunViewStore();

/** A slice of the run on screen; outside a provider, an empty run. */
export function useRunView<T>(select: (state: RunViewState) => T): T {
  const store = useContext(RunViewContext);
  return useStore(store ?? emptyStore, (state) => select(store ? state : empty));
}
