import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST, PUT } from "./route";

afterEach(() => vi.unstubAllEnvs());

describe("/api/inngest", () => {
  it.each([
    ["GET", GET],
    ["POST", POST],
    ["PUT", PUT],
  ] as const)(
    "answers %s with 503 and a sentence when Inngest is not configured",
    async (method, handler) => {
      vi.stubEnv("INNGEST_EVENT_KEY", "");
      vi.stubEnv("INNGEST_SIGNING_KEY", "");
      vi.stubEnv("INNGEST_DEV", "");
      const response = await handler(
        new Request("http://localhost:3000/api/inngest", { method }) as never,
        undefined as never,
      );
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        code: "inngest_not_configured",
        message: expect.stringMatching(
          /^Inngest is not configured .* set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY/,
        ),
      });
    },
  );
});
