import { describe, expect, it } from "vitest";
import { parseExpression } from "./expression";
import { fieldExpression, fieldTemplate } from "./reference";

describe("field references", () => {
  it("reads a node's output by path, indices in brackets", () => {
    expect(fieldTemplate({ kind: "node", nodeId: "echo" }, ["content", 0, "text"])).toBe(
      "{{ nodes.echo.content[0].text }}",
    );
    expect(fieldTemplate({ kind: "input" }, [])).toBe("{{ input }}");
  });

  it("quotes ids and keys that are not plain names, and the result reads the same value", async () => {
    const expression = fieldExpression({ kind: "node", nodeId: "fetch-1" }, ["the body", "a.b", 1]);
    expect(expression).toBe("nodes.`fetch-1`.`the body`.`a.b`[1]");
    const parsed = parseExpression(expression);
    expect(parsed.nodeRefs).toEqual(["fetch-1"]);
    expect(await parsed.evaluate({ nodes: { "fetch-1": { "the body": { "a.b": [5, 6] } } } })).toBe(6);
  });
});
