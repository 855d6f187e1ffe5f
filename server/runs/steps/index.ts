import type { NodeType } from "@/lib/graph/nodes";
import { conditionStep } from "./condition";
import { mergeStep } from "./merge";
import { protocolStep } from "./protocol";
import { scheduleStep } from "./schedule";
import type { StepDefinition } from "./step";
import { transformStep } from "./transform";
import { triggerStep } from "./trigger";
import { webhookStep } from "./webhook";

/** How each runnable node type runs; a type that never runs (a note) has none. */
export const STEPS: { [K in NodeType]?: StepDefinition<K> } = {
  trigger: triggerStep,
  webhook: webhookStep,
  schedule: scheduleStep,
  protocol: protocolStep,
  condition: conditionStep,
  transform: transformStep,
  merge: mergeStep,
};

export function stepFor<T extends NodeType>(type: T): StepDefinition<T> | undefined {
  return STEPS[type] as StepDefinition<T> | undefined;
}
