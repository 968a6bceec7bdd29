/**
 * Behind a reverse proxy: which peers are trusted (GONGKAI_TRUSTED_PROXIES: addresses and CIDRs, IPv4 and IPv6) and,
 * for a request, who the client is and whether it came in over HTTPS. X-Forwarded-For and X-Forwarded-Proto are read
 * only when the direct peer (the socket's address) is trusted; from anyone else they are ignored, so a client cannot
 * choose the address its rate limits and audit entries are kept under. X-Forwarded-For is walked right to left,
 * skipping trusted hops: the first untrusted address is the client (what a trusted proxy saw), so addresses a client
 * wrote itself at the left end are never reached. Parsing uses node:net (isIP, BlockList), no dependency.
 */
import { BlockList, isIP } from 'node:net';
import { problem, type Problem } from '../core/errors.ts';

export interface TrustedProxies {
  /** The entries as configured (normalised), for messages. */
  readonly entries: readonly string[];
  /** Whether an address (already normalised by `normalizeAddress`) is a trusted proxy. */
  has(address: string): boolean;
}

/** No proxy is trusted (the default): the socket's address is the client. */
export const NO_TRUSTED_PROXIES: TrustedProxies = { entries: [], has: () => false };

/**
 * An address as a key: IPv6 zone and brackets dropped, an IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, what a socket
 * listening on `::` reports) written as IPv4, IPv6 lower-cased; null when it is not an IP address. Never throws.
 */
export function normalizeAddress(raw: string): string | null {
  let a = raw.trim();
  if (a.startsWith('[')) {
    const end = a.indexOf(']');
    if (end < 0) return null;
    a = a.slice(1, end); // "[2001:db8::1]:443" → the address without its port
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) {
    a = a.slice(0, a.lastIndexOf(':')); // "203.0.113.7:51234" → the address
  }
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const version = isIP(a);
  if (version === 4) return a;
  if (version !== 6) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  return mapped?.[1] !== undefined && isIP(mapped[1]) === 4 ? mapped[1] : a.toLowerCase();
}

/**
 * Parse GONGKAI_TRUSTED_PROXIES: comma-separated addresses or CIDRs ("127.0.0.1,10.0.0.0/8,::1,fd00::/8"); empty or
 * unset → none. Errors: config.invalid located at `GONGKAI_TRUSTED_PROXIES[i]` (the i-th entry, from 1) for every
 * entry that is not an address or a CIDR with a prefix in range. Never throws.
 */
export function parseTrustedProxies(text: string | undefined): { ok: true; value: TrustedProxies } | { ok: false; problems: Problem[] } {
  const raw = (text ?? '').split(',').map((s) => s.trim());
  if (raw.every((s) => s === '')) return { ok: true, value: NO_TRUSTED_PROXIES };
  const list = new BlockList();
  const entries: string[] = [];
  const problems: Problem[] = [];
  raw.forEach((entry, i) => {
    const at = `GONGKAI_TRUSTED_PROXIES[${i + 1}]`;
    const bad = (zh: string, en: string) => problems.push(problem('config.invalid', at, { zh: `“${entry}”${zh}`, en: `"${entry}" ${en}` }));
    if (entry === '') return bad('为空（多余的逗号？）', 'is empty (a stray comma?)');
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const version = isIP(address);
    if (version === 0) return bad('不是 IP 地址或 CIDR（例如 10.0.0.0/8、::1）', 'is not an IP address or a CIDR (e.g. 10.0.0.0/8, ::1)');
    const type = version === 4 ? 'ipv4' : 'ipv6';
    if (slash < 0) {
      list.addAddress(address, type);
      entries.push(normalizeAddress(address) ?? address);
      return undefined;
    }
    const prefixText = entry.slice(slash + 1);
    const max = version === 4 ? 32 : 128;
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!(prefix >= 0 && prefix <= max)) return bad(`的前缀长度应为 0 至 ${max} 的整数`, `has a prefix length that is not a whole number from 0 to ${max}`);
    list.addSubnet(address, prefix, type);
    entries.push(`${address.toLowerCase()}/${prefix}`);
    return undefined;
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      entries,
      has: (a) => {
        const v = isIP(a);
        return v !== 0 && list.check(a, v === 4 ? 'ipv4' : 'ipv6');
      },
    },
  };
}

export interface ClientInfo {
  /** The client's address (normalised), or null when the socket's is unknown (tests without a socket). */
  readonly ip: string | null;
  /** Whether the client's connection was HTTPS: the request URL's scheme, or a trusted proxy's X-Forwarded-Proto. */
  readonly https: boolean;
}

/**
 * The client of a request from the socket's address `peer` and the forwarding headers, believing the headers only
 * when `peer` is trusted. X-Forwarded-For is read right to left, skipping trusted hops; the first untrusted entry is
 * the client; an unreadable entry stops the walk and the hop that added it (the last trusted one) is the client; if
 * every entry is trusted, the left-most is. X-Forwarded-Proto: its first value (the outermost proxy's), "https" or
 * "http"; anything else is ignored. Never throws.
 */
export function resolveClient(trusted: TrustedProxies, peer: string | null, headers: { forwardedFor?: string | undefined; forwardedProto?: string | undefined; urlHttps: boolean }): ClientInfo {
  const direct = peer === null ? null : normalizeAddress(peer) ?? peer;
  if (direct === null || !trusted.has(direct)) return { ip: direct, https: headers.urlHttps };
  let client = direct;
  const hops = (headers.forwardedFor ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = normalizeAddress(hops[i] ?? '');
    if (hop === null) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  const proto = (headers.forwardedProto ?? '').split(',')[0]?.trim().toLowerCase();
  return { ip: client, https: proto === 'https' ? true : proto === 'http' ? false : headers.urlHttps };
}
