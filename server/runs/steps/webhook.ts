import type { StepDefinition } from "./step";

/** A webhook trigger passes the request it was called with (the run's input) on. */
export const webhookStep: StepDefinition<"webhook"> = {
  async run({ data }) {
    return { input: data.input, output: data.input, handles: ["out"] };
  },
};
