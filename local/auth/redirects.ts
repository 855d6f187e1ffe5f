import type { AuthSettings } from "./settings";

const DECIMAL_HOST = /^[0-9]+$/;
const REGULAR_HOST = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;

/** GoTrue's URI allow list globs: `**` matches anything, `*` and `?` stay within a `.`/`/` segment. */
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (char === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") source += "[^./]*";
    else if (char === "?") source += "[^./]";
    else source += char.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * GoTrue's IsRedirectURLValid: the site URL's scheme and host (any port on loopback), a
 * loopback IP, or a match of the additional redirect URLs; nothing else.
 */
export function isRedirectUrlAllowed(settings: AuthSettings, candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  let base: URL;
  let target: URL;
  try {
    base = new URL(settings.siteUrl);
    target = new URL(candidate);
  } catch {
    return false;
  }
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  if (
    base.hostname === target.hostname &&
    base.protocol === target.protocol &&
    (base.port === target.port || isLoopbackHost(hostname))
  ) {
    return true;
  }
  const isHttp = target.protocol === "http:" || target.protocol === "https:";
  if (DECIMAL_HOST.test(hostname)) return false;
  if (/^[\d.]+$/.test(hostname) || hostname.includes(":")) return isLoopbackHost(hostname);
  if (isHttp && !REGULAR_HOST.test(hostname)) return false;
  const withoutFragment = candidate.split("#")[0] ?? "";
  return settings.additionalRedirectUrls.some((pattern) => globToRegExp(pattern).test(withoutFragment));
}

/** GoTrue's GetReferrer: the given redirect_to when allowed, else the Referer header when allowed, else the site URL. */
export function resolveRedirect(
  settings: AuthSettings,
  redirectTo: string | null | undefined,
  referer?: string,
): string {
  if (isRedirectUrlAllowed(settings, redirectTo)) return redirectTo as string;
  if (isRedirectUrlAllowed(settings, referer)) return referer as string;
  return settings.siteUrl;
}
