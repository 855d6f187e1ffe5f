import { appOrigin, requestOrigin } from "@/server/mcp/client/app-origin";
import { CLIENT_METADATA_PATH, clientMetadataFor } from "@/server/mcp/client/oauth-provider";

/** This app's OAuth Client ID Metadata Document: its URL is the client id where servers support it. */
export function GET(req: Request) {
  const origin = appOrigin(requestOrigin(req));
  return Response.json(
    { client_id: new URL(CLIENT_METADATA_PATH, origin).href, ...clientMetadataFor(origin) },
    { headers: { "cache-control": "public, max-age=3600" } },
  );
}
