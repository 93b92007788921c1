import type { ExternalLinkChecker } from './scan-env';

// External links (issue 5: "checked only when configured", GONGKAI_INSPECT_EXTERNAL_LINKS): a HEAD request
// with a time limit, GET when a server refuses HEAD; anything but a 2xx/3xx answer in time is a problem.

/** A checker that asks each external URL once per scan; `timeoutMs` bounds each request. */
export function httpLinkChecker(timeoutMs = 8_000): ExternalLinkChecker {
  const ask = (url: string, method: 'HEAD' | 'GET') =>
    fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  return async (url) => {
    try {
      let res = await ask(url, 'HEAD');
      if (res.status === 405 || res.status === 501) res = await ask(url, 'GET');
      await res.body?.cancel();
      return res.status < 400 ? null : `外部链接无法访问（HTTP ${res.status}）`;
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return timedOut ? '外部链接无法访问（超时）' : '外部链接无法访问（无法连接）';
    }
  };
}
