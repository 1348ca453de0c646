/** The CLI's words and options (cli.ts), apart so that tests can read them without starting anything. */
import { AdminError, DEFAULT_ENROLL_TTL_DAYS, parseRole, type AdminCommand } from './admin';
import type { ConnectionLimits } from './connections';

export interface Args {
  words: string[];
  options: Map<string, string | true>;
}

const VALUED = new Set([
  'host',
  'port',
  'data',
  'updates',
  'app',
  'name',
  'insee',
  'epci',
  'commune',
  'days',
  'role',
  'trust-proxy',
  'max-connections',
  'headers-timeout',
  'request-timeout',
  'keep-alive-timeout',
]);

/** What a value looks like, for the options whose absence is easy to get wrong. */
const EXAMPLES: Record<string, string> = { 'trust-proxy': '127.0.0.1, or 10.0.0.0/8,::1 for several proxies' };

export function parseArgs(argv: readonly string[]): Args {
  const words: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
    if (!VALUED.has(name)) options.set(name, true);
    else if (inline !== undefined) options.set(name, inline);
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new AdminError(`--${name} needs a value${EXAMPLES[name] ? ` (e.g. --${name} ${EXAMPLES[name]})` : ''}`);
      options.set(name, value);
      i += 1;
    }
  }
  return { words, options };
}

export function option(args: Args, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** The connection limits given on the command line; timeouts are in seconds there, as people say them. */
export function connectionOptions(args: Args): Partial<ConnectionLimits> {
  const seconds = (name: string): number | undefined => {
    const value = positive(args, name);
    return value === undefined ? undefined : Math.round(value * 1000);
  };
  const max = positive(args, 'max-connections');
  if (max !== undefined && !Number.isSafeInteger(max)) throw new AdminError('--max-connections is a whole number');
  const limits: Partial<ConnectionLimits> = {
    headersTimeoutMs: seconds('headers-timeout'),
    requestTimeoutMs: seconds('request-timeout'),
    keepAliveTimeoutMs: seconds('keep-alive-timeout'),
    maxConnections: max,
  };
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

function positive(args: Args, name: string): number | undefined {
  const raw = option(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new AdminError(`--${name} needs a positive number, not ${raw}`);
  return value;
}

function required(args: Args, name: string): string {
  const value = option(args, name);
  if (!value) throw new AdminError(`--${name} is required`);
  return value;
}

/** The admin command the words ask for, or null for "serve". */
export function adminCommand(args: Args): AdminCommand | null {
  const [first = 'serve', second] = args.words;
  const key = second ? `${first} ${second}` : first;
  switch (key) {
    case 'serve':
      return null;
    case 'epci add':
      return { command: 'epci-add', name: required(args, 'name') };
    case 'commune add':
      return { command: 'commune-add', name: required(args, 'name'), insee: required(args, 'insee'), epciId: option(args, 'epci') ?? null };
    case 'communes list':
      return { command: 'tenants-list' };
    case 'enroll-code': {
      const role = option(args, 'role');
      return {
        command: 'enroll-code',
        tenantId: required(args, 'commune'),
        ttlDays: Number(option(args, 'days') ?? DEFAULT_ENROLL_TTL_DAYS),
        ...(role ? { role: parseRole(role) } : {}),
      };
    }
    case 'devices list':
      return { command: 'devices-list' };
    default:
      if (first === 'devices' && second === 'revoke' && args.words[2]) return { command: 'devices-revoke', deviceId: args.words[2] };
      throw new AdminError(`unknown command: ${args.words.join(' ')} (see sync-server/README-section.md)`);
  }
}
