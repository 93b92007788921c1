import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { currentCode, TEST_PASSWORD } from './factories';
import type { TestContext } from './test-context';

/** A browser-like client over app.inject: keeps cookies, reads CSRF tokens from forms. */
export class HttpClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      remoteAddress: this.ip,
      ...options,
      headers: {
        'user-agent': 'Mozilla/5.0 test',
        ...(cookie ? { cookie } : {}),
        ...(options.headers ?? {}),
      },
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  /** Fetches `formPage` for a CSRF token, then posts the form to `url`. */
  async postForm(
    url: string,
    fields: Record<string, string>,
    formPage = url,
  ): Promise<LightMyRequestResponse> {
    const page = await this.get(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** Full back-office login: password, then the current TOTP code. */
  async login(ctx: TestContext, username: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    const first = await this.postForm('/admin/login', { username, password }, '/admin/login');
    if (first.statusCode !== 303) return first;
    ctx.clock.advanceMinutes(0.5); // a fresh TOTP step each login, as a person would wait for
    return this.postForm('/admin/2fa', { code: currentCode(ctx) }, '/admin/2fa');
  }
}
