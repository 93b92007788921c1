// Surnames for the name recogniser (compliance.md §2.10): the common single surnames and the compound ones.
// Data, not code. Left out on purpose: surnames that are also everyday words right after a label
// (于 向 和 应 经 将 从 为 所 区 单 车 路 房 关 管 商 项 连 师 农 党 申 解 安 齐 边 常 万 时 全 明 成),
// because "申请人向本机关…" must not yield a name.

export const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤易乔温康施文牛樊葛邢伍庞颜倪聂章鲁岳翟殷詹欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲滕屈饶牟艾尤阳穆卓古吉缪简芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封';

export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '西门',
  '南宫',
  '独孤',
  '澹台',
  '申屠',
  '闻人',
  '赫连',
  '钟离',
  '呼延',
] as const;

/** The length of the surname a name candidate starts with (2 for compound, 1 for single), or 0. */
export function surnameLength(candidate: string): number {
  if (COMPOUND_SURNAMES.some((s) => candidate.startsWith(s))) return 2;
  return SINGLE_SURNAMES.includes(candidate[0] ?? '\0') ? 1 : 0;
}
