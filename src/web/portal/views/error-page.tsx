/** A plain, self-contained error page: it must render even when nothing else works. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title =
    status === 404 ? '页面不存在' : status === 403 ? '无权访问' : status >= 500 ? '服务暂不可用' : '请求有误';
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title}（${status}）`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body>
        <main id="main" class="wrap error-page">
          <h1>{title}</h1>
          <p role="alert">{message}</p>
          <p>
            <a href="/">返回首页</a>
          </p>
        </main>
      </body>
    </html>
  );
}
