import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort } from "./free-port";

// server-everything listens on every interface; this preload keeps it on 127.0.0.1.
const LOOPBACK_ONLY = fileURLToPath(new URL("./loopback-only.cjs", import.meta.url));

export type EverythingServer = {
  mcpUrl: string;
  sseUrl: string;
  ports: { mcp: number; sse: number };
  stop: () => Promise<void>;
};

/**
 * The reference MCP server `@modelcontextprotocol/server-everything`, twice: Streamable HTTP
 * (`/mcp`) and the legacy HTTP+SSE transport (`/sse`). Its `get-env` tool prints its environment,
 * so it starts with a scrubbed one (PATH and its port only); `gzip-file-as-resource` fetches any
 * URL unless GZIP_ALLOWED_DOMAINS limits it, so it is limited to a domain that does not resolve.
 */
export async function startEverythingServer(
  options: { mcpPort?: number; ssePort?: number; log?: (line: string) => void } = {},
): Promise<EverythingServer> {
  const entry = createRequire(import.meta.url).resolve(
    "@modelcontextprotocol/server-everything/dist/index.js",
  );
  const mcpPort = options.mcpPort || (await freePort());
  const ssePort = options.ssePort || (await freePort());
  const children: ChildProcess[] = [];
  const start = (mode: string, port: number) => {
    const child = spawn(process.execPath, ["--require", LOOPBACK_ONLY, entry, mode], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        PORT: String(port),
        GZIP_ALLOWED_DOMAINS: "demo.invalid",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString().trim();
      if (/error|in use/i.test(text)) options.log?.(`[server-everything ${mode}] ${text}`);
    });
    children.push(child);
  };
  start("streamableHttp", mcpPort);
  start("sse", ssePort);
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
  };
  try {
    await Promise.all([waitForPort(mcpPort), waitForPort(ssePort)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    mcpUrl: `http://127.0.0.1:${mcpPort}/mcp`,
    sseUrl: `http://127.0.0.1:${ssePort}/sse`,
    ports: { mcp: mcpPort, sse: ssePort },
    stop,
  };
}
