// 体裁 (law-and-formats.md §3.4): the 15 document types of 《党政机关公文处理工作条例》 (2012) and the
// genres portals use beside them.

export const statutoryGenres = [
  '决议',
  '决定',
  '命令（令）',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
] as const;
export const portalGenres = [
  '规章',
  '规范性文件',
  '规划',
  '计划',
  '统计数据',
  '公示公告',
  '工作动态',
  '政策解读',
  '图解',
  '其他',
] as const;
export const genres: readonly string[] = [...statutoryGenres, ...portalGenres];

// Genres that are policies in the sense of 三同步 (80号 §二): their interpretation goes with them.
export const policyGenres = new Set(['规章', '规范性文件']);
