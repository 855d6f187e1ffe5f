import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A form submitted before hydration (or without JavaScript) uses its own method: a GET would put
// its fields, a password included, in the URL, the history and the server's logs.

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => path.join(dir, file));
}

const forms = ["app", "components"].flatMap(sourceFiles).flatMap((file) => {
  const source = readFileSync(path.join(root, file), "utf8");
  return [...source.matchAll(/<form\b[^>]*>/gs)].map((match) => ({ file, tag: match[0] }));
});

describe("forms", () => {
  it("there are forms to check", () => {
    expect(forms.map((form) => form.file)).toEqual(
      expect.arrayContaining(["components/account/login-form.tsx", "components/account/signup-form.tsx"]),
    );
  });

  it.each(forms)("$file: posts, never GETs", ({ tag }) => {
    expect(tag).toMatch(/\bmethod="post"/);
  });
});
