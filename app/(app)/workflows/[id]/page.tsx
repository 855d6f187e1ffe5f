import type { Metadata } from "next";
import { WorkflowEditor } from "@/components/canvas/workflow-editor";

export const metadata: Metadata = { title: "Editor" };

export default async function WorkflowEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkflowEditor workflowId={id} />;
}
