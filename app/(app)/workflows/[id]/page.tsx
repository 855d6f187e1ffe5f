import type { Metadata } from "next";
import { WorkflowEditor } from "@/components/canvas/workflow-editor";
import { serverApi } from "@/server/api/rsc";
import { appCodeOfCall } from "@/server/platform/errors/errors";

export const metadata: Metadata = { title: "Editor" };

export default async function WorkflowEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  // Loaded with the page, so the canvas draws without a second round trip after hydration.
  // A missing or malformed id renders nothing here; the client shows the error it gets.
  const graph = await api.graph.load({ workflowId: id }).catch((error: unknown) => {
    const code = appCodeOfCall(error);
    if (code === "workflow.not_found" || code === "input.invalid") return undefined;
    throw error;
  });
  return <WorkflowEditor workflowId={id} initialGraph={graph} />;
}
