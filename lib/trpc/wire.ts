import superjson, { type SuperJSONResult } from "superjson";

/**
 * superjson refuses to serialize any object with a property named `__proto__`, `constructor` or
 * `prototype` (legitimate names in JSON Schemas, tool results and run inputs). Such keys, and keys
 * already looking escaped, travel with one more leading `~` and get it removed on arrival; values
 * without them are sent exactly as superjson sends them.
 */
const ESCAPED = /^~*(?:__proto__|constructor|prototype)$/;

const escapeKey = (key: string) => (ESCAPED.test(key) ? `~${key}` : key);
const unescapeKey = (key: string) => (key.startsWith("~") && ESCAPED.test(key) ? key.slice(1) : key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A copy with every plain object's keys renamed, sharing every part that needs no renaming. */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = renameKeys(value[i], rename);
      if (item !== value[i]) {
        copy ??= value.slice();
        copy[i] = item;
      }
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  let changed = false;
  const entries = keys.map((key) => {
    const name = rename(key);
    const item = renameKeys(value[key], rename);
    if (name !== key || item !== value[key]) changed = true;
    return [name, item] as const;
  });
  if (!changed) return value;
  const copy: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  // defineProperty: a key named `__proto__` becomes an own property, never the prototype.
  for (const [name, item] of entries) {
    Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

export function serialize(value: unknown): SuperJSONResult {
  return superjson.serialize(renameKeys(value, escapeKey));
}

export function deserialize<T = unknown>(payload: SuperJSONResult): T {
  return renameKeys(superjson.deserialize(payload), unescapeKey) as T;
}

/** Whether a plain object anywhere in `value` has an own property named `key`. */
export function hasKey(value: unknown, key: string): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) stack.push(...item);
    else if (isPlainObject(item)) {
      if (Object.hasOwn(item, key)) return true;
      stack.push(...Object.values(item));
    }
  }
  return false;
}

/** The API's transformer, on both sides of the wire (and for data dehydrated into the page). */
export const wire = { serialize, deserialize };
