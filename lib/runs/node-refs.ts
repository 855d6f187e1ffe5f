import { ExpressionError, type ParsedExpression } from "./expression";
import { isCutValue } from "./status";

/**
 * Every node an expression reads must have an output in this run, kept whole: a cut output is
 * JSON text, not the value, so reading a path in it would quietly give nothing. `label` names the
 * expression in the message ("the expression", "{{ nodes.a.b }}").
 */
export function assertReadableRefs(
  parsed: ParsedExpression,
  nodes: Record<string, unknown>,
  label: string,
): void {
  for (const id of parsed.nodeRefs) {
    if (!Object.hasOwn(nodes, id))
      throw new ExpressionError(`${label} names node "${id}", which has no output in this run`);
    const output = nodes[id];
    if (isCutValue(output))
      throw new ExpressionError(
        `${label} reads the output of node "${id}", which was cut to ${output.$cut.keptBytes} of its ${output.$cut.originalBytes} bytes when it was logged; make that output smaller (or pick the part you need in that node)`,
      );
  }
}
