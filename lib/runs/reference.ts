/**
 * The `{{ … }}` template that reads one field of the run's data: the trigger input (`input`) or a
 * node's output (`nodes.<id>`), then the path into it. Names that are not plain identifiers are
 * quoted with backticks (`` nodes.`fetch-1` ``), array positions are `[n]`.
 */
export type FieldSource = { kind: "input" } | { kind: "node"; nodeId: string };

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function name(part: string): string {
  return PLAIN_NAME.test(part) ? part : `\`${part.replaceAll("`", "")}\``;
}

export function fieldExpression(source: FieldSource, path: readonly (string | number)[]): string {
  let out = source.kind === "input" ? "input" : `nodes.${name(source.nodeId)}`;
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `.${name(part)}`;
  return out;
}

export function fieldTemplate(source: FieldSource, path: readonly (string | number)[]): string {
  return `{{ ${fieldExpression(source, path)} }}`;
}
