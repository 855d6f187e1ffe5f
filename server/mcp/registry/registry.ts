import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { type RegistryServerInfo, type RegistryTool, readRegistryData } from "./data";

export type { RegistryTool } from "./data";
export type RegistryServer = {
  id: string;
  name: string;
  url: string | null;
  type: string;
  description: string;
  author: string;
  tags: string[];
  server: RegistryServerInfo | null;
  discoveredAt: string | null;
  needsAuthorization: boolean;
  tools: RegistryTool[];
};
export type RegistryFilter = { search?: string; tag?: string };

/** The registry as everyone signed in sees it, optionally searched (name, description, tools) and filtered by tag. */
export async function listRegistry(
  tx: RlsTransaction,
  filter: RegistryFilter = {},
): Promise<RegistryServer[]> {
  const rows = await tx.mcpRegistry.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, url: true, type: true, data: true },
  });
  const entries = rows.map((row) => {
    const data = readRegistryData(row.data);
    return {
      id: row.id,
      name: row.name,
      url: row.url,
      type: row.type,
      description: data.description,
      author: data.author,
      tags: data.tags,
      server: data.server,
      discoveredAt: data.discoveredAt,
      needsAuthorization: data.needsAuthorization,
      tools: data.tools,
    };
  });
  return entries.filter((entry) => matches(entry, filter));
}

function matches(entry: RegistryServer, { search, tag }: RegistryFilter): boolean {
  if (tag && !entry.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return false;
  const words = (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    entry.id,
    entry.name,
    entry.description,
    entry.author,
    ...entry.tags,
    ...entry.tools.map((t) => `${t.name} ${t.title ?? ""} ${t.description}`),
  ]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
