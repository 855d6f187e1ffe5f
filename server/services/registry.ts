import { z } from "zod";
import type { RlsTransaction } from "@/server/db/with-rls";

export type RegistryTool = { name: string; description: string; inputSchema: Record<string, unknown> | null };
export type RegistryServer = { id: string; name: string; url: string | null; type: string; description: string; tools: RegistryTool[] };

const toolSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  inputSchema: z.record(z.string(), z.unknown()).optional(),
});
const dataSchema = z.object({ description: z.string().optional(), tools: z.array(z.unknown()).optional() });

/** The registry as the canvas needs it; malformed tool entries are skipped, not fatal. */
export async function listRegistry(tx: RlsTransaction): Promise<RegistryServer[]> {
  const rows = await tx.mcpRegistry.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, url: true, type: true, data: true },
  });
  return rows.map((row) => {
    const data = dataSchema.safeParse(row.data);
    const tools: RegistryTool[] = [];
    for (const raw of data.success ? (data.data.tools ?? []) : []) {
      const tool = toolSchema.safeParse(raw);
      if (tool.success) {
        tools.push({ name: tool.data.name, description: tool.data.description ?? "", inputSchema: tool.data.inputSchema ?? null });
      }
    }
    return {
      id: row.id,
      name: row.name,
      url: row.url,
      type: row.type,
      description: data.success ? (data.data.description ?? "") : "",
      tools,
    };
  });
}
