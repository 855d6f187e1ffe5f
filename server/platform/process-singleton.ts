const STORE = Symbol.for("tryliate.process-singletons");

type Holder = { [STORE]?: Map<string, unknown> };

/**
 * The one value of `name` in this server process, made by `create` on first use. Kept on
 * globalThis, so a Next.js hot reload, or a second bundle of the same module (instrumentation and
 * route handlers are bundled apart), finds the same pool, engine or cache instead of making another.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const holder = globalThis as Holder;
  holder[STORE] ??= new Map();
  const store = holder[STORE];
  if (!store.has(name)) store.set(name, create());
  return store.get(name) as T;
}
