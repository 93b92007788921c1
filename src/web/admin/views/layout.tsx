import type { ComponentChildren } from 'preact';
import { type Principal, roleLabels, seesAllAgencies } from '../../../modules/accounts';
import { letterTemplateAgencyIds } from '../../../modules/applications';

export interface AdminShell {
  principal: Principal | null;
  csrf: string;
  siteName: string;
  path: string;
}

interface NavLink {
  href: string;
  label: string;
  show: (p: Principal) => boolean;
}

const nav: NavLink[] = [
  { href: '/admin', label: '工作台', show: () => true },
  { href: '/admin/items', label: '信息管理', show: (p) => p.grants.length > 0 },
  { href: '/admin/applications', label: '依申请公开', show: (p) => p.grants.length > 0 },
  { href: '/admin/mailbox', label: '部门信箱', show: (p) => p.grants.length > 0 },
  { href: '/admin/mailbox-rules', label: '信箱时限', show: (p) => p.adminRole === 'system' },
  { href: '/admin/letter-templates', label: '文书模板', show: (p) => letterTemplateAgencyIds(p).length > 0 },
  { href: '/admin/inspections', label: '全站检查', show: (p) => p.grants.length > 0 },
  { href: '/admin/wording-rules', label: '错敏词库', show: (p) => p.grants.length > 0 },
  { href: '/admin/key-tasks', label: '重点工作', show: (p) => p.grants.length > 0 },
  { href: '/admin/staff', label: '专职人员', show: (p) => p.grants.length > 0 },
  { href: '/admin/gap-checks', label: '查漏补缺', show: (p) => p.grants.length > 0 },
  { href: '/admin/work-summary', label: '工作总结', show: (p) => p.grants.length > 0 },
  { href: '/admin/reports', label: '年度报告', show: (p) => p.grants.length > 0 },
  { href: '/admin/oversight', label: '统计分析', show: (p) => seesAllAgencies(p) },
  { href: '/admin/agencies', label: '机构管理', show: (p) => p.adminRole === 'system' },
  { href: '/admin/users', label: '用户管理', show: (p) => p.adminRole === 'system' },
  { href: '/admin/subjects', label: '主题分类', show: (p) => p.adminRole === 'system' },
  { href: '/admin/calendar', label: '工作日历', show: (p) => p.adminRole === 'system' },
  { href: '/admin/roles', label: '角色授权', show: (p) => p.adminRole === 'security' },
  { href: '/admin/audit', label: '审计日志', show: (p) => p.adminRole === 'audit' },
  { href: '/admin/password', label: '修改密码', show: () => true },
];

/** Describes what a principal is, in the header. */
export function roleSummary(p: Principal): string {
  if (p.adminRole) return roleLabels[p.adminRole];
  return [...new Set(p.grants.map((g) => roleLabels[g.role]))].join('、') || '未授权';
}

/** Every back-office page; signed-in pages get the navigation and a logout button. */
export function AdminLayout(props: AdminShell & { title: string; children: ComponentChildren }) {
  const signedIn = props.principal;
  const p = signedIn?.mfaPassed ? signedIn : null;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} - 政务公开工作平台`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          跳到主要内容
        </a>
        <header class="admin-header">
          <div class="wrap header-row">
            <span class="site-title">{props.siteName} · 政务公开工作平台</span>
            {signedIn && (
              <form method="post" action="/admin/logout" class="inline-form">
                <span class="who">{p ? `${p.displayName}（${roleSummary(p)}）` : signedIn.displayName}</span>
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit" class="link-button">
                  退出
                </button>
              </form>
            )}
          </div>
          {p && (
            <nav class="wrap main-nav" aria-label="后台导航">
              {nav
                .filter((n) => n.show(p))
                .map((n) => (
                  <a href={n.href} aria-current={props.path.split('?')[0] === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                ))}
            </nav>
          )}
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
