import type { StepDefinition } from "./step";

/** A schedule trigger passes the run's input on: which slot fired and when. */
export const scheduleStep: StepDefinition<"schedule"> = {
  async run({ data }) {
    return { input: data.input, output: data.input, handles: ["out"] };
  },
};
