import { readFileSync } from "node:fs";
import path from "node:path";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { appErrorOf } from "./app-error-of";
import { APP_ERROR_STATUS, isAppErrorCode, isTransient } from "./codes";

describe("appErrorOf", () => {
  it("reads the code the API put in data.appCode, and the sentence", () => {
    const error = Object.assign(new Error("This workflow does not exist or is not yours."), {
      data: { appCode: "workflow.not_found", httpStatus: 404 },
    });
    expect(appErrorOf(error)).toEqual({
      code: "workflow.not_found",
      message: "This workflow does not exist or is not yours.",
      nodeIds: [],
    });
    const refused = Object.assign(new Error("The workflow cannot run: …"), {
      data: { appCode: "runs.invalid_plan", nodeIds: ["a", 7, "b"] },
    });
    expect(appErrorOf(refused)).toMatchObject({ code: "runs.invalid_plan", nodeIds: ["a", "b"] });
  });

  it("gives code null when no answer came from the API (a network failure) or the code is unknown", () => {
    const network = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(appErrorOf(network)).toEqual({ code: null, message: "Failed to fetch", nodeIds: [] });
    expect(appErrorOf(Object.assign(new Error("x"), { data: { appCode: "made.up" } })).code).toBeNull();
    expect(appErrorOf("plain text")).toEqual({ code: null, message: "plain text", nodeIds: [] });
  });
});

describe("the codes", () => {
  it("are dotted lower-case names, each with a status", () => {
    for (const [code, status] of Object.entries(APP_ERROR_STATUS)) {
      expect(code).toMatch(/^(internal|[a-z]+\.[a-z_]+)$/);
      expect(isAppErrorCode(code)).toBe(true);
      expect(status).toMatch(/^[A-Z_]+$/);
    }
    expect(isAppErrorCode("toString")).toBe(false);
  });

  it("docs/errors.md documents each code, and no other", () => {
    const docs = readFileSync(path.resolve("docs/errors.md"), "utf8");
    const documented = [...docs.matchAll(/^\| `([a-z_.]+)` +\|/gm)].map((match) => match[1]);
    expect(documented.toSorted()).toEqual(Object.keys(APP_ERROR_STATUS).toSorted());
  });

  it("a server fault, a limit or a timeout is transient; a refusal is not", () => {
    expect(["internal", "runs.too_many_running", "mcp.timeout"].every((c) => isTransient(c as never))).toBe(
      true,
    );
    expect(isTransient("workflow.not_found")).toBe(false);
    expect(isTransient("graph.invalid_diff")).toBe(false);
  });
});
