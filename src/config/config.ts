import path from 'node:path';
import { projectRoot } from './paths.js';

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
};

const DEV_COOKIE_SECRET = 'development-only-cookie-secret-change-me';

export class ConfigError extends Error {}

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
  };
}
