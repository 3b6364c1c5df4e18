import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { multipart, type MultipartFile } from './upload.js';

/** A browser-like client over app.inject(): keeps cookies and sends the CSRF token like a form would. */
export class Agent {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  /** The session the token was made for: tokens are bound to it. */
  private csrfSession: string | undefined;
  lastResponse: LightMyRequestResponse | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string | undefined {
    return this.cookies.size
      ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      : undefined;
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const expired =
        (cookie.expires && cookie.expires.getTime() < Date.now()) ||
        cookie.maxAge === 0 ||
        cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) {
      this.csrfToken = match[1];
      this.csrfSession = this.cookies.get('sendboard_session');
    }
    this.lastResponse = response;
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} }),
    );
  }

  /** The `_csrf` value to send: a given one, none for `false`, else the token from the last page. */
  private async csrfFor(csrf: boolean | string | undefined): Promise<string | undefined> {
    if (csrf === false) return undefined;
    if (typeof csrf === 'string') return csrf;
    if (!this.csrfToken) await this.get('/sign-in');
    // Signed in or out since the token was read: a browser would have a new page, with a token
    // for the session it now has.
    else if (this.csrfSession !== this.cookies.get('sendboard_session'))
      await this.get('/accessibility');
    return this.csrfToken!;
  }

  /** Posts a form; the CSRF token from the last page is added unless `csrf: false`. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: boolean | string } = {},
  ): Promise<LightMyRequestResponse> {
    const csrf = await this.csrfFor(options.csrf);
    const fields: [string, string][] = [];
    for (const [k, v] of Object.entries(form))
      for (const item of Array.isArray(v) ? v : [v]) fields.push([k, item]);
    if (csrf !== undefined) fields.push(['_csrf', csrf]);
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }

  /** Posts an upload form (multipart), with the CSRF token as `post` adds it. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: MultipartFile,
    options: { csrf?: boolean | string } = {},
  ): Promise<LightMyRequestResponse> {
    const csrf = await this.csrfFor(options.csrf);
    const { payload, contentType } = multipart(
      csrf === undefined ? fields : { _csrf: csrf, ...fields },
      file,
    );
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
        payload,
      }),
    );
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303)
      throw new Error(`Sign-in failed for ${email}: ${response.statusCode}`);
    return response;
  }
}

/** Pulls the GOV.UK error summary's messages out of a page. */
export function errorSummary(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((m) => decode(m[1]!.trim()));
}

export function decode(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A page's text as a person reads it: tags stripped, entities decoded, one space between words. */
export function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The value an input shows. */
export function inputValue(html: string, name: string): string {
  return decode(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '');
}
