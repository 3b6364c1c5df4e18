import { isIP } from 'node:net';
import path from 'node:path';
import { loadEmailConfig, type EmailConfig } from './email-config.js';
import { ConfigError } from './config-error.js';
import { projectRoot } from './paths.js';
import { DEFAULT_RETENTION_DAYS } from './email-config.js';

export { ConfigError };

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** Folder for the embedded PGlite database; ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Signs cookies (CSRF secret cookie). Production refuses the development default. */
  cookieSecret: string;
  /** Public base URL, used in links sent by email and to decide secure cookies. */
  baseUrl: string;
  logLevel: string;
  sessionIdleMinutes: number;
  /** Failures before an account locks, for how long; sign-in attempts allowed per IP a minute. */
  signIn: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  /** Where email goes (EMAIL_TRANSPORT and its settings); production must choose. */
  email: EmailConfig;
  /** Days after an email was sent or failed for good before its recipient and message are removed. */
  outboxRetentionDays: number;
  /**
   * Which proxies' X-Forwarded-For to believe (TRUST_PROXY): how many hops in front of Sendboard,
   * or their addresses and ranges; none by default, so a client cannot choose its own address.
   */
  trustProxy: number | string[] | false;
};

const PROXY_HELP =
  'TRUST_PROXY must be the number of proxies in front of Sendboard, like 1, or their addresses and ranges separated by commas, like 10.0.0.1, 192.168.0.0/16 or loopback';

/** The names proxy-addr knows for the private ranges, usable in TRUST_PROXY. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An IP address, a range of them in CIDR notation (10.0.0.0/8, fd00::/8), or a named range. */
function isAddressOrRange(value: string): boolean {
  if (NAMED_RANGES.includes(value)) return true;
  const [address = '', bits, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/** TRUST_PROXY: a hop count, or addresses and ranges; unset, empty or 0 trusts no proxy. */
export function parseTrustProxy(raw: string | undefined): number | string[] | false {
  const value = (raw ?? '').trim();
  if (value === '') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw new ConfigError(`${PROXY_HELP}, not "${raw}"`);
    return hops === 0 ? false : hops;
  }
  const addresses = value.split(',').map((a) => a.trim());
  if (!addresses.every(isAddressOrRange)) throw new ConfigError(`${PROXY_HELP}, not "${raw}"`);
  return addresses;
}

const DEV_COOKIE_SECRET = 'development-only-cookie-secret-change-me';

/** Reads configuration from the environment, with development defaults that production refuses. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv =
    env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const cookieSecret = env.COOKIE_SECRET ?? DEV_COOKIE_SECRET;
  if (
    nodeEnv === 'production' &&
    (cookieSecret === DEV_COOKIE_SECRET || cookieSecret.length < 32)
  ) {
    throw new ConfigError(
      'COOKIE_SECRET must be set to a random string of at least 32 characters in production',
    );
  }
  const host = env.HOST ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');
  const baseUrl = (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const email = loadEmailConfig(env);
  const retention = (env.OUTBOX_RETENTION_DAYS ?? '').trim() || String(DEFAULT_RETENTION_DAYS);
  if (!/^[1-9]\d{0,4}$/.test(retention))
    throw new ConfigError(
      `OUTBOX_RETENTION_DAYS must be a whole number of days, like 90, not "${env.OUTBOX_RETENTION_DAYS}"`,
    );
  return {
    env: nodeEnv,
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(projectRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    cookieSecret,
    baseUrl,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 8 * 60),
    signIn: {
      maxFailures: Number(env.SIGN_IN_MAX_FAILURES ?? 5),
      lockoutMinutes: Number(env.SIGN_IN_LOCKOUT_MINUTES ?? 15),
      ratePerMinute: Number(env.SIGN_IN_RATE_PER_MINUTE ?? 30),
    },
    email,
    outboxRetentionDays: Number(retention),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
