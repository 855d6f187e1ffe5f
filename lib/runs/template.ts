import { type ParsedExpression, parseExpression } from "./expression";
import { assertReadableRefs } from "./node-refs";

/**
 * Tool arguments are a JSON text whose string values may hold `{{ expression }}`. A string that
 * is exactly one template takes the expression's value as it is (a number stays a number);
 * templates inside a longer string are written into it as text.
 */

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
const WHOLE = /^\{\{([\s\S]*?)\}\}$/;

export type TemplateData = { input: unknown; nodes: Record<string, unknown> };

/** Every expression in a JSON value, parsed (throws ExpressionError on the first bad one). */
export function parseTemplates(value: unknown): ParsedExpression[] {
  const found: ParsedExpression[] = [];
  walkStrings(value, (text) => {
    for (const match of text.matchAll(TEMPLATE)) found.push(parseExpression((match[1] ?? "").trim()));
  });
  return found;
}

export function hasTemplate(text: string): boolean {
  return /\{\{[\s\S]*?\}\}/.test(text);
}

/** The value with every template replaced by what it evaluates to over `data`. */
export async function renderTemplates(value: unknown, data: TemplateData): Promise<unknown> {
  if (typeof value === "string") return renderString(value, data);
  if (Array.isArray(value)) return Promise.all(value.map((item) => renderTemplates(item, data)));
  if (value && typeof value === "object") {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await renderTemplates(item, data)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

async function renderString(text: string, data: TemplateData): Promise<unknown> {
  const whole = text.match(WHOLE);
  if (whole && !whole[1]?.includes("}}")) return evaluate((whole[1] ?? "").trim(), data);
  if (!hasTemplate(text)) return text;
  let out = "";
  let last = 0;
  for (const match of text.matchAll(TEMPLATE)) {
    const value = await evaluate((match[1] ?? "").trim(), data);
    out +=
      text.slice(last, match.index) +
      (typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));
    last = (match.index ?? 0) + match[0].length;
  }
  return out + text.slice(last);
}

async function evaluate(source: string, data: TemplateData): Promise<unknown> {
  const parsed = parseExpression(source);
  assertReadableRefs(parsed, data.nodes, `{{ ${source.slice(0, 80)} }}`);
  return parsed.evaluate(data);
}

function walkStrings(value: unknown, visit: (text: string) => void) {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, visit);
  else if (value && typeof value === "object")
    for (const item of Object.values(value)) walkStrings(item, visit);
}
