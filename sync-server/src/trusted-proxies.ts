/**
 * Which peers may tell the server a client's address (X-Forwarded-For).
 *
 * Rate limits are per client address. Believing the header from anyone lets a
 * client pick a new address for every try (no limit at all) or name a
 * victim's (locking the victim out). So the header is read only when the
 * connection comes from a configured proxy, and then only the hops those
 * proxies appended (Fastify's trustProxy with a list, through proxy-addr):
 * whatever the client wrote itself, to the left, is ignored.
 */
import { isIP } from 'node:net';
import { AdminError } from './admin';

/** proxy-addr's names for address ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** `--trust-proxy 127.0.0.1,10.0.0.0/8`: the proxies' addresses, or throws with what is wrong. */
export function parseTrustedProxies(value: string | true | undefined): string[] | null {
  if (value === undefined) return null;
  if (value === true) {
    throw new AdminError('--trust-proxy needs the proxy addresses, e.g. --trust-proxy 127.0.0.1 or --trust-proxy 10.0.0.0/8,::1');
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || wrong.length > 0) {
    throw new AdminError(
      `--trust-proxy takes IP addresses or CIDR ranges separated by commas; not understood: ${wrong.join(', ') || '(empty)'}`,
    );
  }
  return entries;
}
