import { z } from "zod";

/** `mcp_registry.data`: what admins write (author, description, tags) and what discovery stores. */
const toolSchema = z.object({
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});
export type RegistryTool = {
  name: string;
  title: string | null;
  description: string;
  inputSchema: Record<string, unknown> | null;
  outputSchema: Record<string, unknown> | null;
  annotations: Record<string, unknown> | null;
};

const serverInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  title: z.string().optional(),
  transport: z.enum(["streamable-http", "sse"]),
  capabilities: z.record(z.string(), z.unknown()).default({}),
  instructions: z.string().optional(),
});
export type RegistryServerInfo = z.infer<typeof serverInfoSchema>;

const dataSchema = z.object({
  author: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  server: z.unknown().optional(),
  tools: z.array(z.unknown()).optional(),
  discoveredAt: z.string().optional(),
  needsAuthorization: z.boolean().optional(),
  openAccess: z.boolean().optional(),
});

export type RegistryData = {
  author: string;
  description: string;
  tags: string[];
  server: RegistryServerInfo | null;
  tools: RegistryTool[];
  discoveredAt: string | null;
  needsAuthorization: boolean;
  /** Discovered without credentials: calling its tools needs no connection. */
  openAccess: boolean;
};

/** Reads a row's data leniently: malformed parts are dropped, never fatal for the whole list. */
export function readRegistryData(raw: unknown): RegistryData {
  const parsed = dataSchema.safeParse(raw);
  const data = parsed.success ? parsed.data : {};
  const tools: RegistryTool[] = [];
  for (const entry of data.tools ?? []) {
    const tool = toolSchema.safeParse(entry);
    if (!tool.success) continue;
    tools.push({
      name: tool.data.name,
      title: tool.data.title ?? null,
      description: tool.data.description ?? "",
      inputSchema: tool.data.inputSchema ?? null,
      outputSchema: tool.data.outputSchema ?? null,
      annotations: tool.data.annotations ?? null,
    });
  }
  const server = serverInfoSchema.safeParse(data.server);
  return {
    author: data.author ?? "",
    description: data.description ?? "",
    tags: data.tags ?? [],
    server: server.success ? server.data : null,
    tools,
    discoveredAt: data.discoveredAt ?? null,
    needsAuthorization: data.needsAuthorization ?? false,
    openAccess: data.openAccess ?? false,
  };
}
