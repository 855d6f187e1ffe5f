import { describe, expect, it } from "vitest";
import { runsAvailability, SERVERLESS_WITHOUT_INNGEST } from "./config";

describe("which engine runs workflows", () => {
  it("is the in-process engine on a long-running server without configuration", () => {
    expect(runsAvailability({})).toEqual({ ready: true, engine: "in-process", serverless: false });
  });

  it("is Inngest with both keys, or with INNGEST_DEV", () => {
    expect(runsAvailability({ INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "s" })).toMatchObject({
      engine: "inngest",
    });
    expect(runsAvailability({ INNGEST_DEV: "1" })).toMatchObject({ engine: "inngest" });
    expect(runsAvailability({ INNGEST_EVENT_KEY: "e" })).toMatchObject({ engine: "in-process" });
    expect(runsAvailability({ VERCEL: "1", INNGEST_DEV: "1" })).toEqual({
      ready: true,
      engine: "inngest",
      serverless: true,
    });
  });

  it("is none on Vercel without Inngest, saying in one sentence what to configure", () => {
    expect(runsAvailability({ VERCEL: "1" })).toEqual({
      ready: false,
      engine: null,
      serverless: true,
      message: SERVERLESS_WITHOUT_INNGEST,
    });
    expect(SERVERLESS_WITHOUT_INNGEST.split(/\.\s/)).toHaveLength(1);
  });
});
