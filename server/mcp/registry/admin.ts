import { z } from "zod";
import { type Discovery, discover } from "@/server/mcp/client/discovery";
import { asksToConnect, explainMcpError } from "@/server/mcp/client/errors";
import { connectAsUser, type UserSessionOptions } from "@/server/mcp/client/user-session";
import { databaseCredentialStore, loadCredentials } from "@/server/mcp/connections/credentials";
import { deleteAuthorizationsOf } from "@/server/mcp/connections/secrets";
import type { Prisma } from "@/server/platform/db/generated/client";
import type { RlsDb } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";
import { readRegistryData } from "./data";

const tag = z.string().trim().min(1).max(40);
export const registryEntrySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the entry a name.").max(100),
  url: z.string().trim().max(2000).nullable(),
  type: z.enum(["server", "tool", "client"]),
  description: z.string().trim().max(2000).default(""),
  author: z.string().trim().max(200).default(""),
  tags: z.array(tag).max(20).default([]),
});
export type RegistryEntryInput = z.infer<typeof registryEntrySchema>;

/** A readable id from the name: lower case letters, digits and dashes. */
export function registryIdFor(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  if (!slug) throw new AppError("registry.invalid_entry", "The name needs at least one letter or digit.");
  return slug;
}

function checkUrl(input: RegistryEntryInput): string | null {
  if (input.type !== "server") return input.url || null;
  if (!input.url) throw new AppError("registry.invalid_entry", "A server needs the URL of its MCP endpoint.");
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new AppError("registry.invalid_entry", `"${input.url.slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new AppError("registry.invalid_entry", "The URL must start with https:// (or http://).");
  return url.href;
}

type Discovered = {
  discovery: Discovery | null;
  needsAuthorization: boolean;
  /** Discovered without any credentials: users need not connect before calling its tools. */
  openAccess?: boolean;
};

/** Discovers with the admin's own credentials for this entry; a server that wants them is marked, not failed. */
async function discoverAs(
  userId: string,
  id: string,
  name: string,
  url: string,
  options: UserSessionOptions,
  tolerateAuth: boolean,
): Promise<Discovered> {
  let connection: Awaited<ReturnType<typeof connectAsUser>> | undefined;
  try {
    const stored = await loadCredentials(options.store ?? databaseCredentialStore, userId, id);
    const anonymous = !stored?.credentials || stored.credentials.kind === "none";
    connection = await connectAsUser(userId, { id, url }, options);
    return {
      discovery: await discover(connection.client, connection.transport, options.timeoutMs),
      needsAuthorization: false,
      openAccess: anonymous,
    };
  } catch (error) {
    const explained = explainMcpError(error, name);
    if (asksToConnect(explained)) {
      if (tolerateAuth) return { discovery: null, needsAuthorization: true };
      throw new AppError(
        "mcp.needs_authorization",
        `"${name}" needs credentials: connect to it on the Connections page first (discovery uses your own credentials), then refresh.`,
      );
    }
    throw explained;
  } finally {
    await connection?.close();
  }
}

function dataOf(
  input: RegistryEntryInput,
  found: Discovered | null,
  previous?: unknown,
): Prisma.InputJsonObject {
  const kept = previous ? readRegistryData(previous) : null;
  const discovery = found ? found.discovery : null;
  const base = { author: input.author, description: input.description, tags: input.tags };
  if (discovery) {
    const { tools, discoveredAt, ...server } = discovery;
    const open = found?.openAccess ? { openAccess: true } : {};
    return { ...base, server, tools, discoveredAt, ...open } as Prisma.InputJsonObject;
  }
  if (found?.needsAuthorization) return { ...base, tools: [], needsAuthorization: true };
  if (kept && !found) {
    return {
      ...base,
      ...(kept.server
        ? {
            server: kept.server,
            tools: kept.tools,
            discoveredAt: kept.discoveredAt,
            ...(kept.openAccess ? { openAccess: true } : {}),
          }
        : { tools: kept.tools }),
    } as Prisma.InputJsonObject;
  }
  return { ...base, tools: [] };
}

export async function addRegistryEntry(
  db: RlsDb,
  adminId: string,
  input: RegistryEntryInput,
  options: UserSessionOptions,
) {
  const id = registryIdFor(input.name);
  const url = checkUrl(input);
  const exists = await db((tx) => tx.mcpRegistry.findUnique({ where: { id }, select: { id: true } }));
  if (exists) throw new AppError("registry.duplicate", `An entry with the id "${id}" already exists.`);
  const found =
    input.type === "server" && url ? await discoverAs(adminId, id, input.name, url, options, true) : null;
  await db((tx) =>
    tx.mcpRegistry.create({
      data: { id, name: input.name, url, type: input.type, data: dataOf(input, found) },
      select: { id: true },
    }),
  );
  return {
    id,
    needsAuthorization: found?.needsAuthorization ?? false,
    tools: found?.discovery?.tools.length ?? 0,
  };
}

export async function updateRegistryEntry(
  db: RlsDb,
  adminId: string,
  id: string,
  input: RegistryEntryInput,
  options: UserSessionOptions,
) {
  const url = checkUrl(input);
  const current = await db((tx) =>
    tx.mcpRegistry.findUnique({ where: { id }, select: { url: true, type: true, data: true } }),
  );
  if (!current) throw new AppError("registry.not_found", "This registry entry does not exist.");
  const moved = input.type === "server" && url && (url !== current.url || current.type !== "server");
  const found = moved && url ? await discoverAs(adminId, id, input.name, url, options, true) : null;
  await db((tx) =>
    tx.mcpRegistry.update({
      where: { id },
      data: { name: input.name, url, type: input.type, data: dataOf(input, found, current.data) },
      select: { id: true },
    }),
  );
  return { id, needsAuthorization: found?.needsAuthorization ?? false };
}

export async function refreshRegistryEntry(
  db: RlsDb,
  adminId: string,
  id: string,
  options: UserSessionOptions,
) {
  const current = await db((tx) =>
    tx.mcpRegistry.findUnique({ where: { id }, select: { name: true, url: true, type: true, data: true } }),
  );
  if (!current) throw new AppError("registry.not_found", "This registry entry does not exist.");
  if (current.type !== "server" || !current.url)
    throw new AppError("registry.not_refreshable", "Only servers with a URL can be refreshed.");
  const found = await discoverAs(adminId, id, current.name, current.url, options, false);
  const meta = readRegistryData(current.data);
  const input: RegistryEntryInput = {
    name: current.name,
    url: current.url,
    type: "server",
    description: meta.description,
    author: meta.author,
    tags: meta.tags,
  };
  await db((tx) =>
    tx.mcpRegistry.update({ where: { id }, data: { data: dataOf(input, found) }, select: { id: true } }),
  );
  return {
    id,
    tools: found.discovery?.tools.length ?? 0,
    discoveredAt: found.discovery?.discoveredAt ?? null,
  };
}

export async function removeRegistryEntry(db: RlsDb, id: string) {
  const removed = await db((tx) => tx.mcpRegistry.deleteMany({ where: { id } }));
  if (removed.count === 0) throw new AppError("registry.not_found", "This registry entry does not exist.");
  // Every user's credentials for it go too (the admin's RLS cannot reach other users' rows).
  await deleteAuthorizationsOf(id);
  return { id };
}
