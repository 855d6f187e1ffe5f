import { describe, expect, it } from "vitest";
import { ExpressionError, parseExpression } from "./expression";
import { assertReadableRefs } from "./node-refs";

const cut = { $cut: { originalBytes: 300_000, keptBytes: 262_144 }, text: '{"rows":[' };

describe("assertReadableRefs", () => {
  it("lets an expression read nodes whose outputs are whole", () => {
    expect(() =>
      assertReadableRefs(parseExpression("nodes.a.rows[0]"), { a: { rows: [1] } }, "x"),
    ).not.toThrow();
  });

  it("names a node without output", () => {
    expect(() => assertReadableRefs(parseExpression("nodes.ghost"), {}, "the expression")).toThrow(
      'the expression names node "ghost", which has no output in this run',
    );
  });

  it("refuses a node whose output the log cut, with both sizes", () => {
    const read = () =>
      assertReadableRefs(parseExpression("nodes.big.rows[0] > 1"), { big: cut }, "the expression");
    expect(read).toThrow(ExpressionError);
    expect(read).toThrow('reads the output of node "big", which was cut to 262144 of its 300000 bytes');
  });
});
