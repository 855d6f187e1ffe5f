import type { StepDefinition } from "./step";

/** The trigger passes the run's input on. */
export const triggerStep: StepDefinition<"trigger"> = {
  async run({ data }) {
    return { input: data.input, output: data.input, handles: ["out"] };
  },
};
