import { authenticator } from 'otplib';

// A browser without JavaScript for tests against a real server process: keeps cookies, reads the CSRF
// token of the last page, follows nothing by itself (redirects are returned, as the tests check them).

export interface HttpPage {
  status: number;
  html: string;
  location: string | null;
}

export class HttpSession {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  /** The cookies to send from another origin of the same site: a second instance, say. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Sends this session's cookies to another base URL from now on (the other instance). */
  moveTo(baseUrl: string): HttpSession {
    const moved = new HttpSession(baseUrl);
    for (const [k, v] of this.cookies) moved.cookies.set(k, v);
    return moved;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<HttpPage> {
    return this.send(path, { method: 'GET', headers });
  }

  /** Posts the fields with the CSRF token of the last page fetched. */
  async post(path: string, fields: Record<string, string>): Promise<HttpPage> {
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
  }

  private async send(path: string, init: { method: string; headers: Record<string, string>; body?: string }) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, cookie: this.cookieHeader() },
      redirect: 'manual',
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, html, location: response.headers.get('location') };
  }
}

/** Signs a demo account in over HTTP: password, then TOTP enrolment (first sign-in) or a code. */
export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password: string,
  knownSecrets: Map<string, string>,
): Promise<HttpSession> {
  const s = new HttpSession(baseUrl);
  await s.get('/admin/login');
  const login = await s.post('/admin/login', { username, password });
  if (login.status !== 303) throw new Error(`login of ${username} refused: ${login.status}`);
  if (login.location?.endsWith('/admin/2fa/enroll')) {
    const page = await s.get('/admin/2fa/enroll');
    const secret = /<code class="secret">([^<]+)<\/code>/.exec(page.html)?.[1]?.replace(/\s/g, '') ?? '';
    knownSecrets.set(username, secret);
    const done = await s.post('/admin/2fa/enroll', { code: authenticator.generate(secret) });
    if (done.status !== 200) throw new Error(`enrolment of ${username} failed: ${done.status}`);
  } else {
    await s.get('/admin/2fa');
    const done = await s.post('/admin/2fa', {
      code: authenticator.generate(knownSecrets.get(username) ?? ''),
    });
    if (done.status !== 303) throw new Error(`second factor of ${username} refused: ${done.status}`);
  }
  return s;
}

/** A new draft of the column, made through the 新建信息 form as `editor`; returns its id. */
export async function newDraftOverHttp(
  editor: HttpSession,
  columnId: string,
  title: string,
): Promise<string> {
  await editor.get('/admin/items/new'); // the form's CSRF token
  const created = await editor.post('/admin/items', {
    columnId,
    title,
    bodyHtml: `<p>${title}，现将有关事项通知如下。</p>`,
    visibility: 'public',
    disclosure: 'proactive',
  });
  const id = created.location?.match(/^\/admin\/items\/([\w-]+)$/)?.[1];
  if (created.status !== 303 || !id) throw new Error(`draft not created: ${created.status}`);
  return id;
}
