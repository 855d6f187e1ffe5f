import { GRAPH_FILE_FORMAT, type GraphFile, graphFileSchema } from "@/lib/graph/schemas";
import { describeIssues, validateGraph } from "@/lib/graph/validate";

/** Parses and validates an imported file; throws an Error whose message says what is wrong. */
export function parseGraphFile(text: string): GraphFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("This file is not JSON.");
  }
  const parsed = graphFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `This is not a Tryliate graph file: ${issue ? `${issue.path.join(".") || "file"}: ${issue.message}` : ""}`,
    );
  }
  const issues = validateGraph(parsed.data);
  if (issues.length > 0) throw new Error(`The graph in this file is not valid:\n${describeIssues(issues)}`);
  return parsed.data;
}

export function downloadGraphFile(file: Omit<GraphFile, "format" | "version">) {
  const body: GraphFile = { format: GRAPH_FILE_FORMAT, version: 1, ...file };
  const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${(file.name ?? "workflow").replace(/[^\w.-]+/g, "-")}.tryliate.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
