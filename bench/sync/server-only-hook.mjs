// The benchmark runs the app's server modules in plain Node, where `server-only` (which Next.js
// resolves to an empty module on the server) would throw: resolve it to an empty module too.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
