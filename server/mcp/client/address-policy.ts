import ipaddr from "ipaddr.js";

/**
 * Whether an address may be reached from the server: only globally routable unicast. Loopback,
 * private, link-local (169.254.169.254 included), unique-local, unspecified, multicast, carrier-grade
 * NAT, reserved and the IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are
 * refused; an IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === "unicast";
}

/** A host written as an IP literal (IPv6 in brackets as URLs write it), or null for a DNS name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(bare))
    ? bare
    : null;
}
