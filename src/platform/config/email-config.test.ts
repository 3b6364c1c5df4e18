import { describe, expect, it } from 'vitest';
import { describeEmailConfig, EmailConfigError, loadEmailConfig } from './email-config.js';
import { ConfigError } from './config.js';

const KEY =
  'sendboard_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

describe('loadEmailConfig', () => {
  it('writes email to the log in development and tests, so Sendboard starts with no settings', () => {
    expect(loadEmailConfig({})).toEqual({
      transport: 'log',
      from: 'Sendboard <sendboard@localhost>',
    });
    expect(loadEmailConfig({ NODE_ENV: 'test' }).transport).toBe('log');
    expect(loadEmailConfig({ EMAIL_TRANSPORT: 'LOG', EMAIL_FROM: 'a@b.example' })).toEqual({
      transport: 'log',
      from: 'a@b.example',
    });
  });

  it('makes production choose a transport, though log may be chosen', () => {
    expect(() => loadEmailConfig({ NODE_ENV: 'production' })).toThrow(
      /EMAIL_TRANSPORT must be set in production: smtp .*notify .*log/,
    );
    expect(loadEmailConfig({ NODE_ENV: 'production', EMAIL_TRANSPORT: 'log' }).transport).toBe(
      'log',
    );
  });

  it('refuses an unknown transport, as a ConfigError the CLI prints', () => {
    const attempt = () => loadEmailConfig({ EMAIL_TRANSPORT: 'sendgrid' });
    expect(attempt).toThrow(EmailConfigError);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('EMAIL_TRANSPORT must be smtp, notify or log, not "sendgrid"');
  });

  it('reads SMTP settings, and says which one is missing or wrong without echoing secrets', () => {
    const smtp = {
      EMAIL_TRANSPORT: 'smtp',
      EMAIL_FROM: 'Northshire SEND <send@northshire.example>',
    };
    expect(
      loadEmailConfig({ ...smtp, SMTP_URL: 'smtp://user:p%40ss@smtp.northshire.example:587' }),
    ).toEqual({
      transport: 'smtp',
      from: 'Northshire SEND <send@northshire.example>',
      smtpUrl: 'smtp://user:p%40ss@smtp.northshire.example:587',
    });
    expect(() => loadEmailConfig(smtp)).toThrow(
      /^SMTP_URL must be set when EMAIL_TRANSPORT is smtp/,
    );
    expect(() =>
      loadEmailConfig({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://localhost:25' }),
    ).toThrow(/^EMAIL_FROM must be set when EMAIL_TRANSPORT is smtp/);
    for (const bad of ['https://user:secret@host', 'user:secret@host:587', 'smtp://']) {
      const attempt = () => loadEmailConfig({ ...smtp, SMTP_URL: bad });
      expect(attempt, bad).toThrow(/^SMTP_URL must look like smtp:\/\/user:password@/);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain('secret');
      }
    }
    expect(() =>
      loadEmailConfig({ ...smtp, EMAIL_FROM: 'Sendboard', SMTP_URL: 'smtp://localhost' }),
    ).toThrow(/^EMAIL_FROM must be an email address/);
  });

  it('reads GOV.UK Notify settings', () => {
    const notify = { EMAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: KEY, NOTIFY_TEMPLATE_ID: TEMPLATE };
    expect(loadEmailConfig(notify)).toEqual({
      transport: 'notify',
      from: 'GOV.UK Notify',
      notifyApiKey: KEY,
      notifyTemplateId: TEMPLATE,
    });
    expect(() => loadEmailConfig({ ...notify, NOTIFY_API_KEY: '' })).toThrow(
      /^NOTIFY_API_KEY must be set when EMAIL_TRANSPORT is notify/,
    );
    expect(() => loadEmailConfig({ ...notify, NOTIFY_API_KEY: 'half-a-key' })).toThrow(
      /^NOTIFY_API_KEY does not look like a GOV.UK Notify API key/,
    );
    expect(() => loadEmailConfig({ ...notify, NOTIFY_TEMPLATE_ID: undefined })).toThrow(
      /^NOTIFY_TEMPLATE_ID must be set .*\(\(subject\)\) .*\(\(body\)\)/,
    );
    expect(() => loadEmailConfig({ ...notify, NOTIFY_TEMPLATE_ID: 'welcome' })).toThrow(
      /^NOTIFY_TEMPLATE_ID must be a template id/,
    );
  });

  it('describes where email goes without passwords or keys', () => {
    expect(
      describeEmailConfig(
        loadEmailConfig({
          EMAIL_TRANSPORT: 'smtp',
          EMAIL_FROM: 'send@northshire.example',
          SMTP_URL: 'smtp://user:secret@smtp.northshire.example',
        }),
      ),
    ).toBe('the SMTP server smtp.northshire.example:587, from send@northshire.example');
    expect(
      describeEmailConfig({
        transport: 'smtp',
        from: 'x@y.example',
        smtpUrl: 'smtps://u:p@mail.example',
      }),
    ).toBe('the SMTP server mail.example:465, from x@y.example');
    expect(
      describeEmailConfig({
        transport: 'notify',
        from: '',
        notifyApiKey: KEY,
        notifyTemplateId: TEMPLATE,
      }),
    ).toBe('GOV.UK Notify');
    expect(describeEmailConfig(loadEmailConfig({}))).toContain('not delivered');
  });
});
