import { describe, expect, it } from 'vitest';
import { notifySendError, SendError, smtpSendError } from './senders.js';

const smtpError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('send errors', () => {
  it('treats an SMTP 5xx refusal of the envelope or message as permanent, the rest as passing', () => {
    const refused = smtpSendError(
      smtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 No such mailbox' }),
    );
    expect(refused).toBeInstanceOf(SendError);
    expect(refused.permanent).toBe(true);
    expect(refused.message).toBe('SMTP 550: 550 No such mailbox');
    expect(
      smtpSendError(smtpError({ code: 'EENVELOPE', responseCode: 451, response: '451 Try later' }))
        .permanent,
    ).toBe(false);
    expect(
      smtpSendError(smtpError({ code: 'EAUTH', responseCode: 535, response: '535 Bad login' }))
        .permanent,
    ).toBe(false);
    const down = smtpSendError(smtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' }));
    expect(down.permanent).toBe(false);
    expect(down.message).toBe('SMTP ESOCKET: connect ECONNREFUSED');
  });

  it('treats a Notify 400 as permanent and names Notify’s reason', () => {
    const http = (status: number | undefined, errors?: { error: string; message: string }[]) =>
      Object.assign(new Error(`Request failed with status code ${status}`), {
        response: status ? { status, data: { errors } } : undefined,
      });
    const team = notifySendError(
      http(400, [
        {
          error: 'BadRequestError',
          message: 'Can’t send to this recipient using a team-only API key',
        },
      ]),
    );
    expect(team.permanent).toBe(true);
    expect(team.message).toBe(
      'GOV.UK Notify 400: BadRequestError: Can’t send to this recipient using a team-only API key',
    );
    expect(
      notifySendError(http(403, [{ error: 'AuthError', message: 'Invalid token' }])).permanent,
    ).toBe(false);
    expect(notifySendError(http(429, [])).message).toBe(
      'GOV.UK Notify 429: Request failed with status code 429',
    );
    expect(notifySendError(http(undefined)).permanent).toBe(false);
  });
});
