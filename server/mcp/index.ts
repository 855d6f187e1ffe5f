export { appOrigin } from "./client/app-origin";
export { CredentialsUnreadableError, explainMcpError, NeedsAuthorizationError } from "./client/errors";
export { SessionPool } from "./client/session-pool";
export { callToolAsUser, type ToolCallOptions } from "./client/tool-calls";
export { sessions } from "./client/user-session";
export { listConnections } from "./connections/connections";
export { connectionsRouter } from "./connections/router";
export { listRegistry, type RegistryServer } from "./registry/registry";
export { registryRouter } from "./registry/router";
