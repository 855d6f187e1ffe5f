import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient } from "../../test/auth-clients";
import { startTestStack } from "../../test/local-stack";
import { oauthBrowser } from "../../test/oauth-browser";
import { connects, nonLoopbackAddresses } from "../../test/reachability";
import type { LocalStack } from "../server";
import { STAND_IN_NOTICE } from "./pages";
import { startOidcProvider } from "./provider";

let stack: LocalStack;
beforeAll(async () => {
  // A stack on every interface: the provider must stay on loopback anyway.
  stack = await startTestStack({ host: "0.0.0.0", auth: { externalProviders: ["email", "github"] } });
});
afterAll(() => stack?.close());

describe("the local OpenID provider standing in for GitHub and Google", () => {
  it("listens on 127.0.0.1 only, whatever address the rest of the stack uses", async () => {
    const port = Number(new URL(stack.oidcUrl).port);
    expect(new URL(stack.oidcUrl).hostname).toBe("127.0.0.1");
    expect(await connects("127.0.0.1", port)).toBe(true);
    for (const address of nonLoopbackAddresses()) {
      expect(await connects(address, port), `${address}:${port}`).toBe(false);
    }
  });

  it("says on its sign-in page that it is a local stand-in that signs anyone in", async () => {
    const { data } = await testClient(stack).client.auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: "http://localhost:3000/auth/callback", skipBrowserRedirect: true },
    });
    const login = await oauthBrowser([stack.url, stack.oidcUrl]).go(data.url ?? "");
    expect(login.html).toContain('<label for="login">Email</label>');
    expect(login.html).toContain("local stand-in for GitHub and Google");
    expect(login.html).toContain("whoever types an address signs in as that account");
    expect(STAND_IN_NOTICE).toMatch(/development and tests on this machine only/);
  });

  it.each(["VERCEL", "AWS_LAMBDA_FUNCTION_NAME", "NETLIFY"])(
    "never starts on a deployment (%s set)",
    async (name) => {
      await expect(
        startOidcProvider({ port: 0, callbackUrl: "http://127.0.0.1:1/auth/v1/callback" }, { [name]: "1" }),
      ).rejects.toThrow(/never starts in a deployment/);
    },
  );
});
