import type { ComponentChildren } from 'preact';
import type { Config } from '../../../config/config';

export type FontSize = 'small' | 'medium' | 'large';
export interface Prefs {
  font: FontSize;
  care: boolean;
}

export interface PageShell {
  site: Config['site'];
  prefs: Prefs;
  path: string;
}

interface Props extends PageShell {
  title: string;
  meta?: Record<string, string>;
  feed?: { title: string; href: string };
  children: ComponentChildren;
}

const fontLabels: [FontSize, string][] = [
  ['large', '大'],
  ['medium', '中'],
  ['small', '小'],
];

function prefsLink(path: string, key: string, value: string): string {
  return `/prefs?${key}=${value}&back=${encodeURIComponent(path)}`;
}

/** Every public page: skip link, header, landmarks, the font and care-mode switches, the footer block. */
export function PortalLayout({ site, prefs, path, title, meta = {}, feed, children }: Props) {
  const classes = [`font-${prefs.font}`, prefs.care ? 'care' : ''].filter(Boolean).join(' ');
  const allMeta: Record<string, string> = {
    SiteName: site.name,
    SiteDomain: site.domain,
    SiteIDCode: site.idCode,
    ...meta,
  };
  return (
    <html lang="zh-CN" class={classes}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${site.name}`}</title>
        {Object.entries(allMeta).map(([name, content]) => (
          <meta name={name} content={content} />
        ))}
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/site.css" />
        {feed && <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />}
        <script src="/static/site.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          跳到主要内容
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-title" href="/">
              {site.name}
            </a>
            <nav class="tools" aria-label="阅读辅助">
              <span id="font-label">字体：</span>
              {fontLabels.map(([size, label]) => (
                <a
                  href={prefsLink(path, 'font', size)}
                  data-font={size}
                  aria-current={prefs.font === size ? 'true' : undefined}
                  aria-describedby="font-label"
                >
                  {label}
                </a>
              ))}
              <a href={prefsLink(path, 'care', prefs.care ? '0' : '1')} data-care={prefs.care ? '0' : '1'}>
                {prefs.care ? '退出关怀版' : '关怀版'}
              </a>
            </nav>
          </div>
          <div class="wrap nav-row">
            <nav class="main-nav" aria-label="主导航">
              <a href="/">首页</a>
              <a href="/#departments">部门信息公开</a>
              <a href="/apply">依申请公开</a>
              <a href="/mailbox">部门信箱</a>
              <a href="/search">搜索</a>
              <a href="/admin">工作人员登录</a>
            </nav>
            <form method="get" action="/search" class="header-search" aria-label="搜索本站">
              <input
                name="q"
                type="search"
                aria-label="搜索关键词"
                placeholder="搜索政策、通知…"
                maxLength={100}
              />
              <button type="submit">搜索</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              <span>主办单位：{site.sponsor}</span>
              <span>联系电话：{site.contact}</span>
            </p>
            <p>
              <span>网站标识码：{site.idCode}</span>
              <span>{site.icp}</span>
              <span>{site.psb}</span>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
