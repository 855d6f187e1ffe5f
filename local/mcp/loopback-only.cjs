// Preloaded (node --require) into servers that listen on a port on every interface, such as
// @modelcontextprotocol/server-everything (`app.listen(PORT)`): a listen given only a port binds
// to 127.0.0.1 instead, so the demo servers are reachable from this machine alone.
const net = require("node:net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const portOnly = typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]));
  if (portOnly && typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
  return listen.apply(this, args);
};
