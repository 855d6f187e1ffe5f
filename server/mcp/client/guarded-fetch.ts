import { isIP } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { processSingleton } from "@/server/platform/process-singleton";
import { ipLiteral, isPublicAddress } from "./address-policy";
import { isAllowlisted, type OutboundPolicy, policyFromEnv } from "./outbound-policy";

/** A request the guard refused or that failed in a way worth telling the person who asked. */
export class OutboundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OutboundError";
  }
}

export type GuardedFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/**
 * The one fetch for every request to an MCP server or OAuth endpoint. Each hop (redirects are
 * followed by hand and checked again) must be http(s), https outside local development, and reach
 * only public addresses unless its host is allowlisted. The address check runs inside the
 * connection's own connector, which then dials the address it checked (never a second lookup).
 */
export function createGuardedFetch(policy: OutboundPolicy): GuardedFetch {
  const agents = { public: agentFor(policy, false), allowlisted: agentFor(policy, true) };

  return async function guardedFetch(input, init = {}) {
    let url = parseTarget(input);
    let { method = "GET", body } = init;
    let headers = new Headers(init.headers);
    for (let hop = 0; ; hop++) {
      const trusted = checkTarget(policy, url);
      const response = await send(url, {
        ...init,
        method,
        body,
        headers,
        redirect: "manual",
        dispatcher: trusted ? agents.allowlisted : agents.public,
      });
      if (!REDIRECTS.has(response.status)) return capped(response, policy, url);
      // The MCP SDK asks for manual redirects and follows same-origin ones itself, through this fetch again.
      if (init.redirect === "manual") return response;
      await response.body?.cancel().catch(() => {});
      if (init.redirect === "error") throw new OutboundError(`${url.origin} answered with a redirect.`);
      if (hop >= policy.maxRedirects)
        throw new OutboundError(`${url.origin} redirected more than ${policy.maxRedirects} times.`);
      const location = response.headers.get("location");
      if (!location) throw new OutboundError(`${url.origin} answered a redirect without a location.`);
      const next = parseTarget(new URL(location, url));
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === "POST")
      ) {
        method = "GET";
        body = undefined;
        headers.delete("content-type");
      }
      if (next.origin !== url.origin) {
        headers = new Headers(headers);
        for (const name of CREDENTIAL_HEADERS) headers.delete(name);
      }
      url = next;
    }
  };
}

/** The app's guarded fetch, configured from the environment. */
export function guardedFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  return processSingleton("guarded-fetch", () => createGuardedFetch(policyFromEnv()))(input, init);
}

function parseTarget(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundError(`"${String(input).slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new OutboundError(`Only http and https URLs can be used (got ${url.protocol.replace(":", "")}).`);
  }
  if (url.username || url.password)
    throw new OutboundError("URLs with a user name or password are not accepted.");
  return url;
}

/** Checks what can be checked before connecting; returns whether the host is allowlisted. */
function checkTarget(policy: OutboundPolicy, url: URL): boolean {
  const trusted = isAllowlisted(policy, url);
  if (url.protocol === "http:" && !policy.allowHttp && !trusted) {
    throw new OutboundError(`${url.host} must be reached over https.`);
  }
  const literal = ipLiteral(url.hostname);
  // An IP literal is connected to without a DNS lookup, so it is judged here.
  if (literal && !trusted && !isPublicAddress(literal)) throw refused(url.hostname, literal);
  return trusted;
}

function refused(hostname: string, address: string): OutboundError {
  return new OutboundError(
    `${hostname} resolves to ${address}, a loopback, private, link-local or reserved address; requests to it are refused (allowlist a self-hosted server in TRYLIATE_MCP_ALLOWED_HOSTS).`,
  );
}

function agentFor(policy: OutboundPolicy, allowPrivate: boolean): Agent {
  const dial = policy.dial ?? buildConnector({ timeout: policy.connectTimeoutMs });
  const connect: buildConnector.connector = (options, callback) => {
    checkedAddresses(policy, options.hostname, allowPrivate).then(
      (addresses) => {
        // The first address that accepts; `hostname` becomes the IP, `host` (TLS name) stays.
        const attempt = (index: number) =>
          dial({ ...options, hostname: addresses[index] as string }, (error, socket) => {
            if (error && index + 1 < addresses.length) return attempt(index + 1);
            if (error) callback(error, null);
            else callback(null, socket as NonNullable<typeof socket>);
          });
        attempt(0);
      },
      (error: Error) => callback(error, null),
    );
  };
  return new Agent({
    connect,
    headersTimeout: policy.callTimeoutMs,
    // Event streams stay open while idle; other bodies get an idle limit in `capped`.
    bodyTimeout: 0,
    // Below Node's and most servers' 5 s: a pooled socket is never reused just as the server closes it.
    keepAliveTimeout: 2_000,
    keepAliveMaxTimeout: 2_000,
  });
}

/** The addresses a connection to `hostname` may use; any refused one refuses the whole name. */
async function checkedAddresses(policy: OutboundPolicy, hostname: string, allowPrivate: boolean) {
  let addresses: string[];
  if (isIP(hostname)) addresses = [hostname];
  else {
    try {
      addresses = (await policy.resolve(hostname)).map((entry) => entry.address);
    } catch (error) {
      throw new OutboundError(`${hostname} could not be resolved.`, { cause: error });
    }
  }
  const blocked = allowPrivate ? undefined : addresses.find((address) => !isPublicAddress(address));
  if (blocked) throw refused(hostname, blocked);
  if (addresses.length === 0) throw new OutboundError(`${hostname} has no address.`);
  return addresses;
}

async function send(url: URL, init: RequestInit & { dispatcher: Agent }): Promise<Response> {
  try {
    return (await undiciFetch(url, init as Parameters<typeof undiciFetch>[1])) as unknown as Response;
  } catch (error) {
    throw explain(error, url);
  }
}

function explain(error: unknown, url: URL): unknown {
  const seen = new Set<unknown>();
  for (let cause = error; cause && !seen.has(cause); cause = (cause as { cause?: unknown }).cause) {
    seen.add(cause);
    if (cause instanceof OutboundError) return cause;
    const code = (cause as { code?: string }).code;
    if (code === "UND_ERR_CONNECT_TIMEOUT")
      return new OutboundError(`${url.host} did not accept a connection in time.`);
    if (code === "UND_ERR_HEADERS_TIMEOUT") return new OutboundError(`${url.host} did not answer in time.`);
    if (code === "ECONNREFUSED")
      return new OutboundError(`${url.host} refused the connection (is the server running?).`);
    if (code === "ECONNRESET" || code === "UND_ERR_SOCKET")
      return new OutboundError(`${url.host} closed the connection.`);
    if (code === "ENOTFOUND" || code === "EAI_AGAIN")
      return new OutboundError(`${url.hostname} could not be resolved.`);
  }
  if ((error as Error)?.name === "AbortError" || (error as Error)?.name === "TimeoutError") return error;
  return new OutboundError(`The request to ${url.host} failed.`, { cause: error });
}

/** Re-wraps the body so it stops at the size cap, and (outside event streams) when it stalls. */
function capped(response: Response, policy: OutboundPolicy, url: URL): Response {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > policy.maxResponseBytes) {
    response.body?.cancel().catch(() => {});
    throw new OutboundError(`${url.host} sent a response larger than ${policy.maxResponseBytes} bytes.`);
  }
  if (!response.body || NULL_BODY.has(response.status)) return response;
  const eventStream = (response.headers.get("content-type") ?? "").includes("text/event-stream");
  const reader = response.body.getReader();
  let counted = 0;
  const tooLarge = () =>
    new OutboundError(`${url.host} sent a response larger than ${policy.maxResponseBytes} bytes.`);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const read = reader.read();
        const next = eventStream
          ? await read
          : await Promise.race([
              read,
              new Promise<never>((_, reject) => {
                timer = setTimeout(
                  () => reject(new OutboundError(`${url.host} stopped sending its response.`)),
                  policy.callTimeoutMs,
                );
              }),
            ]);
        if (next.done) return controller.close();
        const chunk = next.value;
        // Event streams: count the bytes of the current event only (a stream may stay open for hours).
        counted =
          eventStream && lastEventEnd(chunk) >= 0
            ? chunk.length - lastEventEnd(chunk)
            : counted + chunk.length;
        if (counted > policy.maxResponseBytes) throw tooLarge();
        controller.enqueue(chunk);
      } catch (error) {
        reader.cancel(error).catch(() => {});
        controller.error(error);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Index just past the last blank line ("\n\n") in a chunk, or -1. */
function lastEventEnd(chunk: Uint8Array): number {
  for (let i = chunk.length - 1; i > 0; i--) {
    if (chunk[i] === 10 && chunk[i - 1] === 10) return i + 1;
  }
  return -1;
}
