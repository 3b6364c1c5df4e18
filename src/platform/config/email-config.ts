import { ConfigError } from './config-error.js';

export const EMAIL_TRANSPORTS = ['smtp', 'notify', 'log'] as const;
export type EmailTransport = (typeof EMAIL_TRANSPORTS)[number];

export type EmailConfig = {
  /** smtp: an SMTP server; notify: GOV.UK Notify; log: written to the log and marked sent, never delivered. */
  transport: EmailTransport;
  /** The From header for SMTP ("Name <address>" or an address). Notify sets its own sender. */
  from: string;
  smtpUrl?: string;
  notifyApiKey?: string;
  notifyTemplateId?: string;
};

export class EmailConfigError extends ConfigError {}

const DEV_FROM = 'Sendboard <sendboard@localhost>';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// A Notify API key is "{key name}-{service id}-{secret}": a name, then two UUIDs.
const NOTIFY_KEY = new RegExp(`^.+-${UUID}-${UUID}$`, 'i');
const NOTIFY_TEMPLATE = new RegExp(`^${UUID}$`, 'i');
const ADDRESS = /[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/;

/**
 * Reads the email settings from the environment. Development and tests default to the log
 * transport, so Sendboard starts with no settings at all; production must choose explicitly.
 * Errors name the setting and show an example, never the value (it may hold a password).
 */
export function loadEmailConfig(env: NodeJS.ProcessEnv = process.env): EmailConfig {
  const production = env.NODE_ENV === 'production';
  const raw = (env.EMAIL_TRANSPORT ?? '').trim().toLowerCase();
  if (raw === '' && production)
    throw new EmailConfigError(
      'EMAIL_TRANSPORT must be set in production: smtp (with SMTP_URL and EMAIL_FROM), notify (with NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID), or log (emails are written to the log and never delivered)',
    );
  const transport = raw === '' ? 'log' : raw;
  if (!(EMAIL_TRANSPORTS as readonly string[]).includes(transport))
    throw new EmailConfigError(
      `EMAIL_TRANSPORT must be smtp, notify or log, not "${env.EMAIL_TRANSPORT}"`,
    );
  const from = (env.EMAIL_FROM ?? '').trim();
  if (from !== '' && (!ADDRESS.test(from) || /[\r\n]/.test(from)))
    throw new EmailConfigError(
      'EMAIL_FROM must be an email address, optionally with a name, like Northshire SEND Partnership <send@northshire.gov.uk>',
    );

  if (transport === 'smtp') {
    if (from === '')
      throw new EmailConfigError(
        'EMAIL_FROM must be set when EMAIL_TRANSPORT is smtp, like Northshire SEND Partnership <send@northshire.gov.uk>',
      );
    const smtpUrl = (env.SMTP_URL ?? '').trim();
    if (smtpUrl === '')
      throw new EmailConfigError(
        'SMTP_URL must be set when EMAIL_TRANSPORT is smtp, like smtp://user:password@smtp.example.org:587 (or smtps:// for port 465)',
      );
    if (!validSmtpUrl(smtpUrl))
      throw new EmailConfigError(
        'SMTP_URL must look like smtp://user:password@smtp.example.org:587 (or smtps:// for port 465); encode special characters in the password, like %40 for @',
      );
    return { transport, from, smtpUrl };
  }

  if (transport === 'notify') {
    const notifyApiKey = (env.NOTIFY_API_KEY ?? '').trim();
    const notifyTemplateId = (env.NOTIFY_TEMPLATE_ID ?? '').trim();
    if (notifyApiKey === '')
      throw new EmailConfigError(
        'NOTIFY_API_KEY must be set when EMAIL_TRANSPORT is notify: create an API key in GOV.UK Notify under API integration',
      );
    if (!NOTIFY_KEY.test(notifyApiKey))
      throw new EmailConfigError(
        'NOTIFY_API_KEY does not look like a GOV.UK Notify API key: copy the whole key, which ends in two long ids joined by hyphens',
      );
    if (notifyTemplateId === '')
      throw new EmailConfigError(
        'NOTIFY_TEMPLATE_ID must be set when EMAIL_TRANSPORT is notify: the id of an email template whose subject is ((subject)) and whose message is ((body))',
      );
    if (!NOTIFY_TEMPLATE.test(notifyTemplateId))
      throw new EmailConfigError(
        `NOTIFY_TEMPLATE_ID must be a template id like 8a0e6a4b-3c1f-4d2e-9b7a-5f6e7d8c9b0a, not "${notifyTemplateId}"`,
      );
    return { transport, from: from || 'GOV.UK Notify', notifyApiKey, notifyTemplateId };
  }

  return { transport: 'log', from: from || DEV_FROM };
}

function validSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Where email goes, in words safe to show an admin or write to the log: no passwords or keys. */
export function describeEmailConfig(config: EmailConfig): string {
  switch (config.transport) {
    case 'smtp': {
      const url = new URL(config.smtpUrl!);
      const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
      return `the SMTP server ${url.hostname}:${port}, from ${config.from}`;
    }
    case 'notify':
      return 'GOV.UK Notify';
    case 'log':
      return 'the server log only: emails are not delivered (EMAIL_TRANSPORT is log)';
  }
}

/** How long a finished email keeps its recipient and message when OUTBOX_RETENTION_DAYS is not set. */
export const DEFAULT_RETENTION_DAYS = 90;
