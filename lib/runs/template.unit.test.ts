import { describe, expect, it } from "vitest";
import { EXPRESSION_LIMITS, ExpressionError, parseExpression } from "./expression";
import { parseTemplates, renderTemplates } from "./template";

const data = {
  input: { a: 2, name: "Ada" },
  nodes: { echo: { content: [{ type: "text", text: "Echo: 40" }] }, "n-2": 5 },
};

describe("templates", () => {
  it("keeps the type of a whole-string template and writes text into longer strings", async () => {
    const args = {
      a: "{{ input.a }}",
      b: "{{ $number($substringAfter(nodes.echo.content[0].text, ': ')) }}",
      greeting: "Hello {{ input.name }}, {{ nodes.`n-2` }} items",
      nested: [{ obj: "{{ input }}" }],
      plain: 7,
    };
    expect(await renderTemplates(args, data)).toEqual({
      a: 2,
      b: 40,
      greeting: "Hello Ada, 5 items",
      nested: [{ obj: { a: 2, name: "Ada" } }],
      plain: 7,
    });
  });

  it("lists the nodes an expression reads, for the planner", () => {
    expect(
      parseTemplates({ x: "{{ nodes.echo.content }} and {{ nodes.`n-2` + input.a }}" }).flatMap(
        (p) => p.nodeRefs,
      ),
    ).toEqual(["echo", "n-2"]);
  });

  it("refuses a template naming a node without output, naming it", async () => {
    await expect(renderTemplates({ x: "{{ nodes.ghost.value }}" }, data)).rejects.toThrow(/node "ghost"/);
  });

  it("refuses to read inside an output the log cut, naming the node and the sizes", async () => {
    const cut = { $cut: { originalBytes: 300_000, keptBytes: 262_144 }, text: '{"items":[1,2' };
    const withCut = { ...data, nodes: { ...data.nodes, big: cut } };
    const refused = renderTemplates({ first: "{{ nodes.big.items[0] }}" }, withCut);
    await expect(refused).rejects.toBeInstanceOf(ExpressionError);
    await expect(refused).rejects.toThrow(
      '{{ nodes.big.items[0] }} reads the output of node "big", which was cut to 262144 of its 300000 bytes when it was logged',
    );
    // Other nodes' outputs are read as before.
    expect(await renderTemplates({ a: "{{ input.a }}" }, withCut)).toEqual({ a: 2 });
  });

  it("refuses a malformed expression with a readable message", () => {
    expect(() => parseTemplates({ x: "{{ input.( }}" })).toThrow(ExpressionError);
  });

  it("says where in the expression it went wrong, when parsing and when evaluating", async () => {
    const parsing = captured(() => parseExpression("input.a + "));
    expect([parsing.position, parsing.message]).toEqual([
      10,
      '"input.a + " is not a valid expression: Unexpected end of expression (at character 10)',
    ]);
    const evaluating = await parseExpression('  "a" + 1')
      .evaluate({})
      .then(
        () => null,
        (error: ExpressionError) => error,
      );
    expect(evaluating).toBeInstanceOf(ExpressionError);
    expect([evaluating?.position, evaluating?.message]).toEqual([
      7,
      expect.stringMatching(/"\+" operator must evaluate to a number \(at character 7\)$/),
    ]);
  });
});

describe("hostile expressions", () => {
  it("reach no JavaScript object: prototypes and constructors read as nothing", async () => {
    for (const source of [
      "input.constructor",
      "$.constructor.constructor",
      "input.__proto__",
      "nodes.echo.content.constructor",
      "$lookup(input, 'constructor')",
      "input.a.toString",
    ]) {
      expect(await parseExpression(source).evaluate(data), source).toBeUndefined();
    }
  });

  it("stop an endless recursion by depth", async () => {
    const loop = parseExpression("( $f := function($x) { $f($x + 1) }; $f(0) )");
    await expect(loop.evaluate(data)).rejects.toThrow(/nests too deeply|longer than/);
  });

  it("stop a long computation by time", async () => {
    const started = Date.now();
    const slow = parseExpression("$sum([1..200000].($sum([1..200])))");
    await expect(slow.evaluate(data)).rejects.toThrow(ExpressionError);
    expect(Date.now() - started).toBeLessThan(EXPRESSION_LIMITS.timeoutMs + 3_000);
  });

  it("refuse huge strings", async () => {
    await expect(parseExpression("$pad('x', 1000000000)").evaluate(data)).rejects.toThrow(/over the limit/);
    await expect(parseExpression("$join([1..20000].('abcdefgh'), '')").evaluate(data)).rejects.toThrow(
      /characters|longer than/,
    );
  });

  it("refuse an over-long expression before parsing it", () => {
    expect(() => parseExpression("1+".repeat(EXPRESSION_LIMITS.maxLength))).toThrow(/longer than/);
  });
});

function captured(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error("it did not throw");
}
