import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  COOKIE_SECRET: 'a-random-production-secret-of-32-characters-or-more',
};

describe('loadConfig', () => {
  it('needs no settings in development: email goes to the log and is kept 90 days', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.email).toEqual({ transport: 'log', from: 'Sendboard <sendboard@localhost>' });
    expect(config.outboxRetentionDays).toBe(90);
  });

  it('loads the email settings with the rest, so the app and the worker share them', () => {
    const config = loadConfig({
      EMAIL_TRANSPORT: 'smtp',
      EMAIL_FROM: 'Northshire SEND Partnership <send@northshire.example>',
      SMTP_URL: 'smtp://mail.northshire.example:2525',
    });
    expect(config.email).toEqual({
      transport: 'smtp',
      from: 'Northshire SEND Partnership <send@northshire.example>',
      smtpUrl: 'smtp://mail.northshire.example:2525',
    });
  });

  it('makes production choose an email transport, as a ConfigError the CLI prints', () => {
    expect(() => loadConfig(PRODUCTION)).toThrow(ConfigError);
    expect(() => loadConfig(PRODUCTION)).toThrow(/EMAIL_TRANSPORT must be set in production/);
    expect(loadConfig({ ...PRODUCTION, EMAIL_TRANSPORT: 'log' }).email.transport).toBe('log');
  });

  it('reads OUTBOX_RETENTION_DAYS as a whole number of days', () => {
    expect(loadConfig({ OUTBOX_RETENTION_DAYS: '30' }).outboxRetentionDays).toBe(30);
    expect(loadConfig({ OUTBOX_RETENTION_DAYS: ' 365 ' }).outboxRetentionDays).toBe(365);
    expect(loadConfig({ OUTBOX_RETENTION_DAYS: '' }).outboxRetentionDays).toBe(90);
    for (const bad of ['0', '-5', '1.5', '90d', 'ninety', '1e3', '100000']) {
      const attempt = () => loadConfig({ OUTBOX_RETENTION_DAYS: bad });
      expect(attempt, bad).toThrow(ConfigError);
      expect(attempt, bad).toThrow(
        `OUTBOX_RETENTION_DAYS must be a whole number of days, like 90, not "${bad}"`,
      );
    }
  });

  it('trusts no proxy unless TRUST_PROXY names them: a hop count, or addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ...PRODUCTION, EMAIL_TRANSPORT: 'log' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: ' 1 ' }).trustProxy).toBe(1);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['10.0.0.1', '192.168.0.0/16', 'fd00::/8', 'loopback']);
    for (const bad of [
      'true',
      'yes',
      '10.0.0',
      '10.0.0.0/33',
      '10.0.0.1,',
      'example.com',
      '1.5',
      '-1',
    ]) {
      const attempt = () => loadConfig({ TRUST_PROXY: bad });
      expect(attempt, bad).toThrow(ConfigError);
      expect(attempt, bad).toThrow(
        /^TRUST_PROXY must be the number of proxies in front of Sendboard/,
      );
    }
  });
});
