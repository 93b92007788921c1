// The catalogue of audited events (security.md T16) with the Chinese label the audit viewer shows.
// New modules add their actions here, so the viewer and the filter never show a bare code.

export const auditActionLabels: Record<string, string> = {
  'auth.password_ok': '密码验证通过',
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.login_refused_locked': '锁定期间登录被拒',
  'auth.locked': '账户锁定',
  'auth.ip_throttled': '来源 IP 限流',
  'auth.logout': '退出登录',
  'auth.mfa_enrolled': '绑定动态口令',
  'auth.recovery_code_used': '使用恢复码',
  'user.created': '创建账户',
  'user.disabled': '停用账户',
  'user.enabled': '启用账户',
  'user.unlocked': '解锁账户',
  'user.password_changed': '修改密码',
  'user.password_reset': '重置密码',
  'user.mfa_reset': '重置动态口令',
  'user.roles_changed': '变更角色',
  'agency.created': '新增机构',
  'agency.updated': '修改机构',
  'column.created': '新增栏目',
  'agency.publishing_settings_changed': '修改索引号模板和审核链',
  'item.drafted': '起草信息',
  'item.edited': '修改草稿',
  'item.submitted': '报审',
  'item.approved': '审核同意',
  'item.returned': '审核退回',
  'item.published': '发布信息',
  'item.withdrawn': '撤下信息',
  'normative.status_changed': '变更规范性文件有效性',
  'normative.expired': '规范性文件到期失效',
  'attachment.uploaded': '上传附件',
  'attachment.deleted': '删除附件',
  'attachment.downloaded': '下载非公开附件',
  'attachment.infected': '附件未通过病毒扫描',
  'item.imported': '导入信息',
  'subject.added': '新增主题分类',
  'subject.renamed': '修改主题分类',
  'item.correction_started': '发起更正',
  'item.demo_loaded': '载入演示信息',
  'audit.viewed': '查看审计日志',
  'audit.exported': '导出审计日志',
  'audit.verified': '校验审计链',
  'backup.created': '备份数据库',
  'backup.restored': '恢复数据库',
};

/** The label of an action, or the code itself for an action not yet catalogued. */
export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}
