import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "./wire";

const roundTrip = (value: unknown) => deserialize(JSON.parse(JSON.stringify(serialize(value))));

describe("the API's wire format", () => {
  it("carries properties named constructor, prototype and __proto__ as plain data", () => {
    const value = JSON.parse(
      '{"constructor": {"prototype": [1, {"~constructor": 2}]}, "__proto__": {"x": 1}, "~~prototype": 3}',
    );
    const back = roundTrip(value) as Record<string, unknown>;
    expect(back).toEqual(value);
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it("keeps superjson's types beside them", () => {
    const when = new Date(0);
    const back = roundTrip({ constructor: { when, tags: new Set(["a"]) } }) as {
      constructor: { when: Date; tags: Set<string> };
    };
    expect(back.constructor.when).toEqual(when);
    expect(back.constructor.tags).toEqual(new Set(["a"]));
  });

  it("sends anything else exactly as superjson does", () => {
    const value = { a: [1, { b: new Date(5) }], c: "constructor" };
    expect(serialize(value)).toEqual(superjson.serialize(value));
  });
});
