/**
 * A minimal browser for the OAuth round trip in tests: follows redirects by hand, keeps the
 * cookies each host sets, posts forms. Stops at the first URL outside the given origins.
 */
export function oauthBrowser(origins: string[]) {
  const cookies = new Map<string, Map<string, string>>();

  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).host;
    const jar = cookies.get(host) ?? new Map<string, string>();
    cookies.set(host, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    return response;
  }

  /** Follows redirects from `url`; returns the page it lands on (inside the origins) or the URL outside them. */
  async function go(
    url: string,
    init: RequestInit = {},
  ): Promise<{ url: string; status: number; html: string }> {
    let current = url;
    let response = await request(current, init);
    while (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get("location") ?? "", current).href;
      if (!origins.includes(new URL(current).origin))
        return { url: current, status: response.status, html: "" };
      response = await request(current);
    }
    return { url: current, status: response.status, html: await response.text() };
  }

  /** Submits a form of the page: its action (resolved against the page) with the given fields. */
  function submit(
    page: { url: string; html: string },
    actionEndsWith: string,
    fields: Record<string, string> = {},
  ) {
    const action = [...page.html.matchAll(/action="([^"]+)"/g)]
      .map((m) => m[1] ?? "")
      .find((a) => a.endsWith(actionEndsWith));
    if (!action) throw new Error(`no form posting to …${actionEndsWith} on ${page.url}`);
    return go(new URL(action, page.url).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }

  return { go, submit };
}
