import type { StepDefinition } from "./step";

/**
 * `all`: `{ "<source id>": output, … }` for every incoming branch that arrived (in edge order);
 * `first`: the output of the branch that arrived first.
 */
export const mergeStep: StepDefinition<"merge"> = {
  async run({ node, data, arrived }) {
    const input = { mode: node.data.mode, arrived };
    if (node.data.mode === "first") {
      const first = arrived[0];
      return { input, output: first === undefined ? null : (data.nodes[first] ?? null), handles: ["out"] };
    }
    const output = Object.fromEntries(arrived.map((id) => [id, data.nodes[id] ?? null]));
    return { input, output, handles: ["out"] };
  },
};
