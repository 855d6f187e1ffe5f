import ipaddr from "ipaddr.js";

const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");

/**
 * Whether an address may be reached from the server: only globally routable unicast. Loopback,
 * private, link-local (169.254.169.254 included), unique-local, unspecified, multicast, carrier-grade
 * NAT, reserved and the IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are
 * refused; an IPv4-mapped IPv6 address is judged as the IPv4 address it maps. IPv6 must also lie in
 * global unicast 2000::/3: ipaddr.js calls the deprecated IPv4-compatible `::a.b.c.d` (which some
 * stacks still route to a.b.c.d) and other unassigned space "unicast".
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== "unicast") return false;
  return parsed.kind() === "ipv4" || parsed.match(GLOBAL_UNICAST);
}

/** A host written as an IP literal (IPv6 in brackets as URLs write it), or null for a DNS name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(bare))
    ? bare
    : null;
}
