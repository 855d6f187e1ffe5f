import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loopbackOnlyDial, takeOffMachineDials } from "@/test/mcp/loopback-dial";
import { isPublicAddress } from "./address-policy";
import { createGuardedFetch, OutboundError } from "./guarded-fetch";
import type { OutboundPolicy, ResolvedAddress } from "./outbound-policy";

// No network here: names resolve through a table, the servers are real ones on loopback, reachable
// only because the test allowlists them (as the local stack does for its demo servers), and every
// connection goes through a connector that records its address and dials loopback only: a broken
// guard fails these tests without a packet leaving this machine.
const names: Record<string, ResolvedAddress[]> = {
  "localhost.test": [{ address: "127.0.0.1", family: 4 }],
  "private.test": [{ address: "10.1.2.3", family: 4 }],
  "metadata.test": [{ address: "169.254.169.254", family: 4 }],
  "ula.test": [{ address: "fd12:3456::1", family: 6 }],
  "mapped.test": [{ address: "::ffff:192.168.0.1", family: 6 }],
  "mixed.test": [
    { address: "93.184.216.34", family: 4 },
    { address: "127.0.0.1", family: 4 },
  ],
  "pinned.test": [{ address: "127.0.0.1", family: 4 }],
};
let lookups: string[] = [];

function policy(overrides: Partial<OutboundPolicy> = {}): OutboundPolicy {
  return {
    allowHttp: true,
    allowedHosts: new Set(),
    resolve: async (hostname) => {
      lookups.push(hostname);
      const found = names[hostname];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      return found;
    },
    dial: loopbackOnlyDial,
    connectTimeoutMs: 2_000,
    callTimeoutMs: 2_000,
    maxResponseBytes: 1024 * 1024,
    maxRedirects: 3,
    ...overrides,
  };
}

let server: http.Server;
let other: http.Server;
let port = 0;
let otherPort = 0;

async function listen(handler: http.RequestListener): Promise<[http.Server, number]> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return [s, (s.address() as AddressInfo).port];
}

beforeAll(async () => {
  [other, otherPort] = await listen((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ authorization: req.headers.authorization ?? null, method: req.method }));
  });
  [server, port] = await listen((req, res) => {
    const path = req.url ?? "/";
    if (path === "/ok") return res.end("hello");
    if (path === "/to-metadata")
      return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
    if (path === "/to-private-name")
      return res.writeHead(307, { location: `http://private.test:${port}/ok` }).end();
    if (path === "/to-other")
      return res.writeHead(307, { location: `http://127.0.0.1:${otherPort}/echo` }).end();
    if (path === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (path === "/big") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 40; i++) res.write(chunk);
      return res.end();
    }
    if (path === "/big-declared")
      return res.writeHead(200, { "content-length": String(5 * 1024 * 1024) }).end();
    if (path === "/hang") return; // never answers
    if (path === "/stall") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      return; // never finishes
    }
    res.writeHead(404).end();
  });
});

afterEach(() => {
  // What the guard must refuse never reaches a connector.
  expect(takeOffMachineDials()).toEqual([]);
});

afterAll(async () => {
  server.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
});

describe("addresses", () => {
  it.each([
    ["127.0.0.1", false],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["172.16.5.4", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["64:ff9b::a00:1", false],
    ["2002:7f00:1::", false],
    // IPv4-compatible (deprecated ::/96) and everything else outside global unicast 2000::/3.
    ["::7f00:1", false],
    ["::a00:1", false],
    ["::2", false],
    ["5f00::1", false],
    ["3fff::1", false],
    ["93.184.216.34", true],
    ["2606:4700:4700::1111", true],
    ["::ffff:93.184.216.34", true],
    ["not-an-ip", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("the guarded fetch refuses", () => {
  const hostile: Array<[string, RegExp]> = [
    ["not a url", /not a valid URL/],
    ["file:///etc/passwd", /Only http and https/],
    ["ftp://example.com/x", /Only http and https/],
    ["javascript:alert(1)", /Only http and https/],
    ["data:text/plain,hi", /Only http and https/],
    ["http://user:pass@example.com/", /user name or password/],
    ["http://127.0.0.1/", /127\.0\.0\.1.*are refused/],
    ["http://127.1.2.3:8080/", /are refused/],
    ["http://2130706433/", /127\.0\.0\.1.*are refused/],
    ["http://0x7f000001/", /127\.0\.0\.1.*are refused/],
    ["http://0.0.0.0/", /are refused/],
    ["http://10.0.0.1/", /are refused/],
    ["http://172.16.0.1/", /are refused/],
    ["http://192.168.0.1/", /are refused/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254.*are refused/],
    ["http://100.64.0.1/", /are refused/],
    ["http://[::1]/", /are refused/],
    ["http://[::]/", /are refused/],
    ["http://[fe80::1]/", /are refused/],
    ["http://[fd00::1]/", /are refused/],
    ["http://[::ffff:127.0.0.1]/", /are refused/],
    ["http://[::ffff:a9fe:a9fe]/", /are refused/],
    ["http://[::127.0.0.1]/", /are refused/],
    ["http://[::10.0.0.1]/", /are refused/],
    ["http://localhost.test/", /localhost\.test resolves to 127\.0\.0\.1.*are refused/],
    ["http://private.test/", /10\.1\.2\.3.*are refused/],
    ["http://metadata.test/", /169\.254\.169\.254.*are refused/],
    ["http://ula.test/", /fd12:3456::1.*are refused/],
    ["http://mapped.test/", /::ffff:192\.168\.0\.1.*are refused/],
    ["http://mixed.test/", /127\.0\.0\.1.*are refused/],
    ["http://unknown.test/", /could not be resolved/],
  ];
  it.each(hostile)("%s", async (url, message) => {
    const fetch = createGuardedFetch(policy());
    const error = await fetch(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as Error).message).toMatch(message);
  });

  it("plain http outside local development", async () => {
    const fetch = createGuardedFetch(policy({ allowHttp: false }));
    await expect(fetch("http://example.com/")).rejects.toThrow(/must be reached over https/);
  });

  it("a redirect to the metadata address, or to a name resolving to a private one", async () => {
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${port}`]) }));
    await expect(fetch(`http://127.0.0.1:${port}/to-metadata`)).rejects.toThrow(
      /169\.254\.169\.254.*refused/,
    );
    await expect(fetch(`http://127.0.0.1:${port}/to-private-name`)).rejects.toThrow(
      /private\.test resolves to 10\.1\.2\.3/,
    );
  });

  it("nothing more when the caller follows redirects itself (redirect: manual)", async () => {
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${port}`]) }));
    const response = await fetch(`http://127.0.0.1:${port}/to-metadata`, { redirect: "manual" });
    expect(response.status).toBe(302);
    await expect(fetch(response.headers.get("location") ?? "")).rejects.toThrow(/are refused/);
  });

  it("endless redirects", async () => {
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${port}`]) }));
    await expect(fetch(`http://127.0.0.1:${port}/loop`)).rejects.toThrow(/redirected more than 3 times/);
  });

  it("a response over the size cap, declared or streamed", async () => {
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${port}`]) }));
    await expect(fetch(`http://127.0.0.1:${port}/big-declared`)).rejects.toThrow(/larger than 1048576 bytes/);
    const response = await fetch(`http://127.0.0.1:${port}/big`);
    await expect(response.text()).rejects.toThrow(/larger than 1048576 bytes/);
  });

  it("a server that hangs, before or during its answer", async () => {
    const fetch = createGuardedFetch(
      policy({ allowedHosts: new Set([`127.0.0.1:${port}`]), callTimeoutMs: 300 }),
    );
    await expect(fetch(`http://127.0.0.1:${port}/hang`)).rejects.toThrow(/did not answer in time/);
    const response = await fetch(`http://127.0.0.1:${port}/stall`);
    await expect(response.text()).rejects.toThrow(/stopped sending/);
  });

  it("a closed port with a clear message", async () => {
    const [closed, closedPort] = await listen(() => {});
    await new Promise((r) => closed.close(r));
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${closedPort}`]) }));
    await expect(fetch(`http://127.0.0.1:${closedPort}/`)).rejects.toThrow(/refused the connection/);
  });
});

describe("the guarded fetch allows", () => {
  it("an allowlisted self-hosted server on a private address", async () => {
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${port}`]) }));
    const response = await fetch(`http://127.0.0.1:${port}/ok`);
    expect(await response.text()).toBe("hello");
  });

  it("connects to the address its own lookup checked (one lookup per connection)", async () => {
    lookups = [];
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set(["pinned.test"]) }));
    const response = await fetch(`http://pinned.test:${port}/ok`);
    expect(await response.text()).toBe("hello");
    expect(lookups).toEqual(["pinned.test"]);
  });

  it("a redirect to another origin, without the Authorization header", async () => {
    const fetch = createGuardedFetch(
      policy({ allowedHosts: new Set([`127.0.0.1:${port}`, `127.0.0.1:${otherPort}`]) }),
    );
    const response = await fetch(`http://127.0.0.1:${port}/to-other`, {
      method: "POST",
      body: "{}",
      headers: { authorization: "Bearer secret" },
    });
    expect(await response.json()).toEqual({ authorization: null, method: "POST" });
  });

  it("but only to allowlisted ports", async () => {
    const fetch = createGuardedFetch(policy({ allowedHosts: new Set([`127.0.0.1:${port}`]) }));
    await expect(fetch(`http://127.0.0.1:${port}/to-other`)).rejects.toThrow(/are refused/);
  });
});
