// Public forms posted to a real server process as a browser without JavaScript would: fetch the form
// for its CSRF token and cookie, then post url-encoded fields from a chosen client address (the server
// trusts X-Forwarded-For from 127.0.0.1 when started with GONGKAI_TRUST_PROXY).

export interface FormSession {
  cookie: string;
  csrf: string;
}

/** GETs a form page and keeps what posting it needs. */
export async function openForm(baseUrl: string, formPath: string): Promise<FormSession> {
  const response = await fetch(`${baseUrl}${formPath}`);
  const html = await response.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`no CSRF token on ${formPath}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf };
}

/** POSTs the fields with the session's token and cookie; resolves with the status and the page. */
export async function postForm(
  baseUrl: string,
  formPath: string,
  session: FormSession,
  fields: Record<string, string>,
  clientIp = '10.0.0.1',
): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseUrl}${formPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: session.cookie,
      'x-forwarded-for': clientIp,
    },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
  return { status: response.status, html: await response.text() };
}

/** The tracking number on a receipt page (申请已提交 / 来信已提交). */
export function trackingNumberOn(html: string): string | undefined {
  return /<dd class="code">([^<]+)<\/dd>/.exec(html)?.[1];
}
