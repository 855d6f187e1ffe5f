import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { Ajv } from "ajv";
import type { TransportKind } from "./connect";

export type DiscoveredTool = {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
};

/** What discovery stores in `mcp_registry.data.server` (beside author, description, tags). */
export type Discovery = {
  name: string;
  version: string;
  title?: string;
  instructions?: string;
  capabilities: Record<string, unknown>;
  transport: TransportKind;
  tools: DiscoveredTool[];
  discoveredAt: string;
};

export const MAX_TOOLS = 1000;
export const MAX_DESCRIPTION_CHARS = 8_000;
/** Of the tools as stored: every user's registry list carries them. */
export const MAX_TOOLS_BYTES = 1024 * 1024;
const MAX_PAGES = 100;

export class DiscoveryError extends Error {
  /** Whether the server's answer is over one of the size limits (not malformed). */
  readonly tooLarge: boolean;
  constructor(message: string, options: { tooLarge?: boolean } = {}) {
    super(message);
    this.name = "DiscoveryError";
    this.tooLarge = options.tooLarge ?? false;
  }
}

/** Reads the server's identity and every page of tools/list, with limits and schema checks. */
export async function discover(
  client: Client,
  transport: TransportKind,
  timeoutMs = 30_000,
): Promise<Discovery> {
  const info = client.getServerVersion();
  if (!info) throw new DiscoveryError("The server did not identify itself.");
  const capabilities = (client.getServerCapabilities() ?? {}) as Record<string, unknown>;
  const tools: DiscoveredTool[] = [];
  if (capabilities.tools) {
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) throw new DiscoveryError(`The server's tool list runs past ${MAX_PAGES} pages.`);
      const result = await client.listTools(cursor ? { cursor } : {}, { timeout: timeoutMs });
      for (const tool of result.tools) {
        tools.push(describeTool(tool));
        if (tools.length > MAX_TOOLS) {
          throw new DiscoveryError(
            `The server lists more than ${MAX_TOOLS} tools; Tryliate keeps at most ${MAX_TOOLS} per server.`,
            { tooLarge: true },
          );
        }
      }
      cursor = result.nextCursor;
      if (!cursor) break;
      if (seenCursors.has(cursor)) throw new DiscoveryError("The server's tool list repeats a page cursor.");
      seenCursors.add(cursor);
    }
  }
  const names = new Set<string>();
  for (const tool of tools) {
    if (names.has(tool.name)) throw new DiscoveryError(`The server lists the tool "${tool.name}" twice.`);
    names.add(tool.name);
  }
  const bytes = Buffer.byteLength(JSON.stringify(tools));
  if (bytes > MAX_TOOLS_BYTES) {
    throw new DiscoveryError(
      `The server's tools take ${Math.ceil(bytes / 1024)} KiB; Tryliate keeps at most ${MAX_TOOLS_BYTES / 1024} KiB of tools per server.`,
      { tooLarge: true },
    );
  }
  return {
    name: info.name,
    version: info.version,
    ...(info.title ? { title: info.title } : {}),
    ...(client.getInstructions() ? { instructions: client.getInstructions() } : {}),
    capabilities,
    transport,
    tools,
    discoveredAt: new Date().toISOString(),
  };
}

const schemaChecker = new Ajv({
  strict: false,
  validateSchema: true,
  addUsedSchema: false,
  validateFormats: false,
  logger: false,
});

function describeTool(tool: Tool): DiscoveredTool {
  if ((tool.description?.length ?? 0) > MAX_DESCRIPTION_CHARS) {
    throw new DiscoveryError(
      `The description of the tool "${tool.name.slice(0, 100)}" is ${tool.description?.length} characters long; Tryliate keeps at most ${MAX_DESCRIPTION_CHARS}.`,
      { tooLarge: true },
    );
  }
  checkSchema(tool.name, "input", tool.inputSchema);
  if (tool.outputSchema) checkSchema(tool.name, "output", tool.outputSchema);
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    ...(tool.description ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema as Record<string, unknown>,
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Record<string, unknown> } : {}),
    ...(tool.annotations ? { annotations: tool.annotations as Record<string, unknown> } : {}),
  };
}

function checkSchema(toolName: string, which: "input" | "output", schema: unknown) {
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  let problem: string | undefined;
  try {
    if (!schemaChecker.validateSchema(rest)) problem = schemaChecker.errorsText(schemaChecker.errors);
    else schemaChecker.compile(rest);
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem) {
    throw new DiscoveryError(
      `The ${which} schema of the tool "${toolName}" is not valid JSON Schema: ${problem.slice(0, 300)}`,
    );
  }
}
