"use client";

import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import type { AppEdge } from "@/lib/graph/flow-types";
import type { AppNode } from "@/lib/graph/nodes";
import type { Viewport } from "@/lib/graph/schemas";
import { type CanvasState, type CanvasStore, createCanvasStore } from "./store";

const CanvasStoreContext = createContext<CanvasStore | null>(null);

/** One store per canvas: two editors on one page never share state. */
export function CanvasStoreProvider({
  initial,
  children,
}: {
  initial: { nodes: AppNode[]; edges: AppEdge[]; viewport: Viewport };
  children: ReactNode;
}) {
  const [store] = useState(() => createCanvasStore(initial));
  return <CanvasStoreContext.Provider value={store}>{children}</CanvasStoreContext.Provider>;
}

export function useCanvasStoreApi(): CanvasStore {
  const store = useContext(CanvasStoreContext);
  if (!store) throw new Error("useCanvasStore needs a CanvasStoreProvider above it");
  return store;
}

export function useCanvasStore<T>(selector: (state: CanvasState) => T): T {
  return useStore(useCanvasStoreApi(), selector);
}
