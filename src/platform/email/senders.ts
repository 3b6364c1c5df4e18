import nodemailer from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';
import type { EmailConfig, EmailTransport } from '../config/email-config.js';

/** One message as the worker hands it to a sender. */
export type OutgoingEmail = {
  /** The outbox id: Notify's reference, and part of the SMTP Message-ID. */
  id: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  bodyText: string;
};

export interface EmailSender {
  readonly transport: EmailTransport;
  /** Delivers one message or throws; a SendError marked permanent is not retried. */
  send(message: OutgoingEmail): Promise<{ providerMessageId?: string }>;
}

/** A failed send. Permanent failures (the address was refused) fail the message at once. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The logger a sender or the worker writes to: Fastify's (pino) fits. */
export type EmailLog = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export function createEmailSender(config: EmailConfig, log: EmailLog): EmailSender {
  switch (config.transport) {
    case 'smtp':
      return createSmtpSender({ smtpUrl: config.smtpUrl!, from: config.from });
    case 'notify':
      return createNotifySender({
        apiKey: config.notifyApiKey!,
        templateId: config.notifyTemplateId!,
      });
    case 'log':
      return createLogSender(log);
  }
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/** SMTP through nodemailer: SMTP_URL like smtp://user:password@host:587 (STARTTLS when offered). */
export function createSmtpSender(options: { smtpUrl: string; from: string }): EmailSender {
  const transporter = nodemailer.createTransport({
    // Settings in the URL's query (like ?requireTLS=true) override these.
    url: options.smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  const host = new URL(options.smtpUrl).hostname;
  return {
    transport: 'smtp',
    async send(message) {
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: message.toName
            ? { name: message.toName, address: message.toAddress }
            : message.toAddress,
          subject: message.subject,
          text: message.bodyText,
          messageId: `<${message.id}@${host}>`,
          headers: { 'X-Sendboard-Outbox-Id': message.id },
        });
        return info.messageId ? { providerMessageId: String(info.messageId) } : {};
      } catch (error) {
        throw smtpSendError(error as SmtpError);
      }
    },
  };
}

/**
 * A 5xx reply to the envelope or the message is the server refusing it for good (no such
 * mailbox, message rejected); connection, authentication and 4xx errors may pass, so they retry.
 */
export function smtpSendError(error: SmtpError): SendError {
  const code = error.responseCode;
  const permanent =
    (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') &&
    typeof code === 'number' &&
    code >= 500 &&
    code < 600;
  const text = (error.response ?? error.message).trim();
  return new SendError(
    `SMTP${code ? ` ${code}` : error.code ? ` ${error.code}` : ''}: ${text}`,
    permanent,
    { cause: error },
  );
}

type NotifyErrorBody = { errors?: { error?: string; message?: string }[] };
type HttpError = Error & { response?: { status?: number; data?: NotifyErrorBody } };

/**
 * GOV.UK Notify, with one email template whose subject is ((subject)) and whose message is
 * ((body)). `baseUrl` is for tests; Notify's API is the default.
 */
export function createNotifySender(options: {
  apiKey: string;
  templateId: string;
  baseUrl?: string;
}): EmailSender {
  const client = options.baseUrl
    ? new NotifyClient(options.baseUrl, options.apiKey)
    : new NotifyClient(options.apiKey);
  return {
    transport: 'notify',
    async send(message) {
      try {
        const response = await client.sendEmail(options.templateId, message.toAddress, {
          personalisation: { subject: message.subject, body: message.bodyText },
          reference: message.id,
        });
        return { providerMessageId: response.data.id };
      } catch (error) {
        throw notifySendError(error as HttpError);
      }
    },
  };
}

/**
 * Notify answers 400 when it will never send this message (a bad address, or a team-only key
 * and a recipient outside the team); 403 (key), 429 (rate limit) and 5xx may pass, so they retry.
 */
export function notifySendError(error: HttpError): SendError {
  const status = error.response?.status;
  if (!status) return new SendError(`GOV.UK Notify: ${error.message}`, false, { cause: error });
  const details = (error.response?.data?.errors ?? [])
    .map((e) => [e.error, e.message].filter(Boolean).join(': '))
    .join('; ');
  return new SendError(`GOV.UK Notify ${status}: ${details || error.message}`, status === 400, {
    cause: error,
  });
}

/** Development: the message is written to the log and counts as sent; nothing is delivered. */
export function createLogSender(log: EmailLog): EmailSender {
  return {
    transport: 'log',
    async send(message) {
      log.info(
        {
          outboxId: message.id,
          to: message.toAddress,
          subject: message.subject,
          body: message.bodyText,
        },
        'email not delivered: EMAIL_TRANSPORT is log',
      );
      return {};
    },
  };
}
