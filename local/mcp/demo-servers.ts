import type pg from "pg";
import { connectToServer, createGuardedFetch, type Discovery, discover, policyFromEnv } from "../app-code";
import { type EverythingServer, startEverythingServer } from "./everything";
import { type OAuthMcpServer, startOAuthMcpServer } from "./oauth-server";

/** Ports of the demo MCP servers of `npm run dev` (the e2e stack sets its own). */
export function demoServerPorts(env: NodeJS.ProcessEnv = process.env) {
  return {
    everything: Number(env.TRYLIATE_MCP_DEMO_PORT ?? 54327),
    everythingSse: Number(env.TRYLIATE_MCP_DEMO_SSE_PORT ?? 54328),
    oauth: Number(env.TRYLIATE_MCP_OAUTH_DEMO_PORT ?? 54329),
  };
}

export type DemoServers = {
  everything: EverythingServer;
  oauth: OAuthMcpServer;
  /** host:port entries for TRYLIATE_MCP_ALLOWED_HOSTS: the app may reach exactly these loopback servers. */
  allowedHosts: string[];
  stop: () => Promise<void>;
};

export async function startDemoServers(log: (line: string) => void): Promise<DemoServers> {
  const ports = demoServerPorts();
  const [everything, oauth] = await Promise.all([
    startEverythingServer({ mcpPort: ports.everything, ssePort: ports.everythingSse, log }),
    startOAuthMcpServer({ port: ports.oauth }),
  ]);
  const allowedHosts = [everything.mcpUrl, everything.sseUrl, oauth.url].map((url) => new URL(url).host);
  return {
    everything,
    oauth,
    allowedHosts,
    stop: async () => void (await Promise.all([everything.stop(), oauth.stop()])),
  };
}

/** Registers the demo servers in the local registry (discovered now, so their tools are there at once). */
export async function registerDemoServers(
  pool: pg.Pool,
  servers: DemoServers,
  log: (line: string) => void,
): Promise<void> {
  const fetch = createGuardedFetch({
    ...policyFromEnv({}),
    allowHttp: true,
    allowedHosts: new Set(servers.allowedHosts),
  });
  let discovery: Discovery | null = null;
  try {
    const connection = await connectToServer({ url: servers.everything.mcpUrl, fetch });
    discovery = await discover(connection.client, connection.transport);
    await connection.close();
  } catch (error) {
    log(`Could not discover the demo MCP server: ${(error as Error).message}`);
  }
  const entries = [
    {
      id: "everything",
      name: "Everything (demo)",
      url: servers.everything.mcpUrl,
      data: {
        author: "Model Context Protocol",
        description:
          "The MCP reference server: echo, sums, images, structured output and more. Runs locally.",
        tags: ["demo", "reference"],
        ...(discovery
          ? {
              server: withoutTools(discovery),
              tools: discovery.tools,
              discoveredAt: discovery.discoveredAt,
              openAccess: true,
            }
          : { tools: [] }),
      },
    },
    {
      id: "oauth-demo",
      name: "OAuth demo",
      url: servers.oauth.url,
      data: {
        author: "Tryliate",
        description:
          "A local MCP server behind OAuth 2.1 (it approves every sign-in). Connect to it to see its tools.",
        tags: ["demo", "oauth"],
        tools: [],
        needsAuthorization: true,
      },
    },
  ];
  for (const entry of entries) {
    await pool.query(
      `insert into public.mcp_registry (id, name, url, type, data) values ($1, $2, $3, 'server', $4)
       on conflict (id) do update set url = excluded.url,
         data = case when excluded.data ? 'server' or not (public.mcp_registry.data ? 'server') then excluded.data
                     else public.mcp_registry.data end`,
      [entry.id, entry.name, entry.url, entry.data],
    );
  }
  log(
    `Demo MCP servers: ${servers.everything.mcpUrl} (SSE ${servers.everything.sseUrl}), OAuth ${servers.oauth.url}`,
  );
}

function withoutTools({ tools: _tools, discoveredAt: _at, ...server }: Discovery) {
  return server;
}
