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
  signIn: { maxFailures: number; lockoutMinutes: number };
  /** Where email goes (EMAIL_TRANSPORT and its settings); production must choose. */
  email: EmailConfig;
  /** Days after an email was sent or failed for good before its recipient and message are removed. */
  outboxRetentionDays: number;
};

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
    },
    email,
    outboxRetentionDays: Number(retention),
  };
}
