// The one seam between the local stack and the app's server code: local/ imports server/ only
// through this module, so what the stand-in borrows from the app (the migrator that the
// production path runs too, the key format, the MCP client used to discover the demo servers)
// is listed in one place.
export { connectToServer } from "../server/mcp/client/connect";
export { type Discovery, discover } from "../server/mcp/client/discovery";
export { createGuardedFetch } from "../server/mcp/client/guarded-fetch";
export { policyFromEnv } from "../server/mcp/client/outbound-policy";
export { generateKeyEntry } from "../server/platform/crypto/keyring";
export { migrate } from "../server/platform/db/migrator";
