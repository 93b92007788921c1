// The fields a letter template may use as {{name}}: the one list the editor shows, the save check
// enforces and the preview fills. `date` fields take 'YYYY-MM-DD' and print as 2026年11月25日
// (GB/T 9704-2012 7.3.5: Arabic numerals, the year in full, no leading zeros).

export type PlaceholderKind = 'text' | 'date';

export interface Placeholder {
  name: string;
  label: string; // the Chinese label the template editor shows
  kind: PlaceholderKind;
  example: string; // the value the preview fills in
}

export const PLACEHOLDERS = [
  { name: 'applicantName', label: '申请人姓名或名称', kind: 'text', example: '张三' },
  { name: 'trackingNumber', label: '申请编号', kind: 'text', example: 'YSQ-2026-0003' },
  { name: 'receivedOn', label: '收到申请之日', kind: 'date', example: '2026-11-02' },
  {
    name: 'description',
    label: '申请公开的政府信息（申请内容描述）',
    kind: 'text',
    example: '2025年度本区中小企业发展专项资金拨付明细',
  },
  { name: 'agencyName', label: '本机关名称', kind: 'text', example: '某区经济和信息化局' },
  { name: 'dueOn', label: '答复期限届满之日', kind: 'date', example: '2026-11-30' },
  {
    name: 'correctionItems',
    label: '需要补正的事项（可分行）',
    kind: 'text',
    example:
      '一、请写明所申请政府信息的名称、文号或者便于本机关查询的其他特征性描述。\n二、请补充提交申请人的有效身份证明。',
  },
  { name: 'correctionDeadline', label: '补正期限（截止日期）', kind: 'date', example: '2026-11-20' },
  { name: 'extensionDays', label: '延长的工作日数', kind: 'text', example: '20' },
  { name: 'extendedDueOn', label: '延长后的答复期限', kind: 'date', example: '2026-12-28' },
  {
    name: 'extensionReason',
    label: '延期理由',
    kind: 'text',
    example: '您申请的信息涉及年度较多、数量较大，需逐项检索核实',
  },
  {
    name: 'thirdPartyName',
    label: '被征求意见的第三方或机关名称',
    kind: 'text',
    example: '某某科技有限公司',
  },
  { name: 'consultationDeadline', label: '征求意见回复截止日期', kind: 'date', example: '2026-11-23' },
  { name: 'feeAmount', label: '收费金额（元）', kind: 'text', example: '300' },
  {
    name: 'feeBasis',
    label: '计费依据',
    kind: 'text',
    example: '按件计收，您本月提出的第11件至第13件申请，每件100元',
  },
  {
    name: 'feeDeadline',
    label: '缴费期限',
    kind: 'text',
    example: '自收到本通知书之日的次日起20个工作日内',
  },
  {
    name: 'payment',
    label: '缴费方式',
    kind: 'text',
    example: '通过非税收入电子缴款平台在线缴纳，缴款码见本通知书附件',
  },
  {
    name: 'outcomeNote',
    label: '办理结果说明（不予公开的部分及理由／信息公开的位置和获取方式／负责公开的机关名称及联系方式）',
    kind: 'text',
    example: '该信息已在本机关政府信息公开专栏“财政资金”栏目主动公开，您可登录查阅。',
  },
  {
    name: 'basis',
    label: '法律依据（答复告知书由系统按办理结果自动填写）',
    kind: 'text',
    example: '《中华人民共和国政府信息公开条例》第三十六条',
  },
  { name: 'issuedOn', label: '成文日期', kind: 'date', example: '2026-11-25' },
  {
    name: 'contact',
    label: '联系人及联系电话',
    kind: 'text',
    example: '政务公开办公室，联系电话：0571-00000000',
  },
  { name: 'reconsiderationBody', label: '行政复议机关', kind: 'text', example: '某区人民政府' },
  { name: 'court', label: '管辖人民法院', kind: 'text', example: '某区人民法院' },
] as const satisfies readonly Placeholder[];

export type PlaceholderName = (typeof PLACEHOLDERS)[number]['name'];

/** The values a letter is filled with; a date field is 'YYYY-MM-DD'. */
export type LetterValues = Partial<Record<PlaceholderName, string>>;

const byName = new Map<string, Placeholder>(PLACEHOLDERS.map((p) => [p.name, p]));

/** The catalogue entry of a placeholder, or undefined for a name not in the catalogue. */
export function placeholderOf(name: string): Placeholder | undefined {
  return byName.get(name);
}

/** The preview values: every placeholder's example. */
export function exampleLetterValues(): Record<PlaceholderName, string> {
  return Object.fromEntries(PLACEHOLDERS.map((p) => [p.name, p.example])) as Record<PlaceholderName, string>;
}
