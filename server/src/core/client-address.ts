import type http from 'node:http';
import proxyAddr from 'proxy-addr';
import ipaddr from 'ipaddr.js';

/** Which proxies in front of the hub may name the client in X-Forwarded-For (proxy-addr's trust). */
export type ProxyTrust = (addr: string, i: number) => boolean;

/**
 * Compiles TRUST_PROXY: empty trusts no proxy (the socket's peer is the client, and a forged
 * X-Forwarded-For is ignored); otherwise a comma-separated list of addresses, CIDR ranges or
 * proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). Throws on a value it cannot read.
 */
export function compileProxyTrust(value: string): ProxyTrust {
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return proxyAddr.compile(list);
}

/** The client's address: the socket's peer, or the nearest untrusted hop of X-Forwarded-For. */
export function clientAddress(req: http.IncomingMessage, trust: ProxyTrust): string {
  if (!req.socket.remoteAddress) return 'unknown';
  return proxyAddr(req, trust);
}

/**
 * The unit one client controls: an IPv4 address, or an IPv6 /64 (a single subscriber is usually
 * handed a whole /64, so counting per address would let one client rotate through 2^64 of them).
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function addressGroup(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 64);
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).concat([0, 0, 0, 0]);
  return `${new ipaddr.IPv6(parts).toString()}/64`;
}
