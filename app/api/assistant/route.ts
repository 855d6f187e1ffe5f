import { z } from "zod";
import { createAssistantTurn } from "@/server/assistant/endpoint";
import { refuseCrossOrigin } from "@/server/platform/http/same-origin";

const bodySchema = z.object({
  workflowId: z.uuid(),
  threadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  proposeFirst: z.boolean().default(false),
  message: z.object({
    id: z.string().max(100),
    role: z.enum(["user", "assistant"]),
    parts: z.array(z.unknown()).max(200),
  }),
});

export async function POST(req: Request) {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  let body: z.infer<typeof bodySchema>;
  try {
    body = bodySchema.parse(await req.json());
  } catch {
    return Response.json({ error: "The request to the assistant is malformed." }, { status: 400 });
  }
  return createAssistantTurn(req, body);
}
