import { describeArgErrors, validateArgs } from "@/lib/mcp/tool-args";

/**
 * Checks a JSON text (a node's stored arguments or input) against a tool's JSON Schema, with the
 * one tool-argument validator of `lib/mcp/tool-args`. Returns readable problems; empty = fine.
 */
export function checkJsonArgs(text: string, schema: Record<string, unknown> | null | undefined): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [`not valid JSON: ${(error as Error).message}`];
  }
  return schema ? describeArgErrors(validateArgs(schema, value)) : [];
}
