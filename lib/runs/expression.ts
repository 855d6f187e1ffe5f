import jsonata from "jsonata";

/**
 * Expressions in tool arguments (`{{ … }}`) and condition nodes are JSONata, a maintained
 * expression language that evaluates over plain JSON with no access to JavaScript objects,
 * globals or prototypes. Nothing here calls eval or new Function. What JSONata itself leaves open
 * (loops by recursion, huge strings) is bounded here: a time budget, a call depth and a size cap.
 */

export const EXPRESSION_LIMITS = {
  maxLength: 2000,
  timeoutMs: 250,
  maxDepth: 200,
  maxStringLength: 64 * 1024,
} as const;

export class ExpressionError extends Error {
  /** The 1-based character of the expression JSONata stopped at, when it says. */
  readonly position?: number;
  constructor(message: string, position?: number) {
    super(message);
    this.name = "ExpressionError";
    this.position = position;
  }
}

const entryKey = Symbol.for("jsonata.__evaluate_entry");
const exitKey = Symbol.for("jsonata.__evaluate_exit");

export type ParsedExpression = {
  source: string;
  evaluate: (data: unknown) => Promise<unknown>;
  nodeRefs: string[];
};

/** Parses an expression once; names of `nodes.<id>` it reads are listed for the planner. */
export function parseExpression(source: string): ParsedExpression {
  if (source.length > EXPRESSION_LIMITS.maxLength) {
    throw new ExpressionError(`the expression is longer than ${EXPRESSION_LIMITS.maxLength} characters`);
  }
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source);
  } catch (error) {
    throw new ExpressionError(
      `"${source.slice(0, 80)}" is not a valid expression: ${messageOf(error)}${atPosition(error)}`,
      positionOf(error),
    );
  }
  return {
    source,
    nodeRefs: [...collectNodeRefs(compiled.ast())],
    evaluate: (data) => evaluateBounded(source, data),
  };
}

/** Compiled afresh per evaluation: the limits are bound to the expression, so two runs never share them. */
async function evaluateBounded(source: string, data: unknown): Promise<unknown> {
  const compiled = jsonata(source);
  const deadline = Date.now() + EXPRESSION_LIMITS.timeoutMs;
  let depth = 0;
  // JSONata looks its evaluation hooks up by these symbols; assign() is the only way to bind a symbol.
  const assign = compiled.assign as (name: string | symbol, value: unknown) => void;
  assign(entryKey, () => {
    depth++;
    if (depth > EXPRESSION_LIMITS.maxDepth)
      throw new ExpressionError(
        `"${source.slice(0, 80)}" nests too deeply (more than ${EXPRESSION_LIMITS.maxDepth} levels)`,
      );
    if (Date.now() > deadline)
      throw new ExpressionError(
        `"${source.slice(0, 80)}" took longer than ${EXPRESSION_LIMITS.timeoutMs} ms`,
      );
  });
  assign(exitKey, () => {
    depth--;
  });
  const bindings: Record<string, unknown> = {
    // Built-ins that can build a huge string in one native call get a bounded twin.
    pad: (text: string, width: number, char?: string) => {
      if (Math.abs(width) > EXPRESSION_LIMITS.maxStringLength)
        throw new ExpressionError(`$pad to ${width} characters is over the limit`);
      const fill = char ?? " ";
      const missing = Math.max(0, Math.abs(width) - text.length);
      const padding = fill.repeat(Math.ceil(missing / Math.max(1, fill.length))).slice(0, missing);
      return width < 0 ? padding + text : text + padding;
    },
  };
  try {
    const value = await compiled.evaluate(data, bindings);
    if (typeof value === "string" && value.length > EXPRESSION_LIMITS.maxStringLength) {
      throw new ExpressionError(
        `"${source.slice(0, 80)}" made a string of ${value.length} characters (limit ${EXPRESSION_LIMITS.maxStringLength})`,
      );
    }
    return toPlainJson(value);
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(
      `"${source.slice(0, 80)}" failed: ${messageOf(error)}${atPosition(error)}`,
      positionOf(error),
    );
  }
}

/** JSONata sequences are arrays with extra flags; functions have no JSON form. */
function toPlainJson(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "message" in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

function positionOf(error: unknown): number | undefined {
  const position = (error as { position?: unknown } | null)?.position;
  return typeof position === "number" && position > 0 ? position : undefined;
}

function atPosition(error: unknown): string {
  const position = positionOf(error);
  return position === undefined ? "" : ` (at character ${position})`;
}

type AstNode = { type?: string; value?: unknown; steps?: AstNode[]; [key: string]: unknown };

/** `nodes.<id>` and `nodes.\`<id>\`` references anywhere in the expression. */
function collectNodeRefs(ast: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(ast)) {
    for (const item of ast) collectNodeRefs(item, found);
    return found;
  }
  if (!ast || typeof ast !== "object") return found;
  const node = ast as AstNode;
  if (node.type === "path" && Array.isArray(node.steps)) {
    const [first, second] = node.steps;
    if (
      first?.type === "name" &&
      first.value === "nodes" &&
      second?.type === "name" &&
      typeof second.value === "string"
    ) {
      found.add(second.value);
    }
  }
  for (const value of Object.values(node))
    if (value && typeof value === "object") collectNodeRefs(value, found);
  return found;
}
