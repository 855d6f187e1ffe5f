import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeVersionProblem } from "./require-node.mjs";

describe("require-node", () => {
  it("accepts 22.12 and newer", () => {
    expect(nodeVersionProblem("v22.12.0")).toBeNull();
    expect(nodeVersionProblem("v24.21.0")).toBeNull();
    expect(nodeVersionProblem("v26.0.0")).toBeNull();
  });

  it("refuses older Node.js with one sentence that says what to do", () => {
    for (const version of ["v20.20.2", "v22.11.0", "v18.0.0"]) {
      const problem = nodeVersionProblem(version);
      expect(problem).toContain(`this is Node.js ${version}`);
      expect(problem).toContain("npm ci");
      expect(problem?.split("\n")).toHaveLength(1);
    }
  });

  it("passes on the Node that npm scripts run on", () => {
    const script = path.join(import.meta.dirname, "require-node.mjs");
    expect(execFileSync(process.execPath, [script], { encoding: "utf8" })).toBe("");
  });
});
