import type { NoticeKind } from './letter-kinds';

// Default wording of the procedural notices, in formal 公文 style. Each paragraph cites the article it
// applies; an agency may override the wording in the back office (placeholders.ts lists the fields).

export interface DefaultTemplate {
  title: string;
  paragraphs: string[];
}

const ORDINANCE = '《中华人民共和国政府信息公开条例》';

/** The opening shared by the letters to the applicant: when the application arrived and what it asks for. */
export const APPLICATION_OPENING =
  '本机关于{{receivedOn}}收到您提出的政府信息公开申请（申请编号：{{trackingNumber}}），申请公开“{{description}}”的政府信息。';

const CONSULTATION_OPENING =
  '{{agencyName}}于{{receivedOn}}收到一份政府信息公开申请（申请编号：{{trackingNumber}}），申请公开“{{description}}”的政府信息。';

export const defaultNoticeTemplates: Record<NoticeKind, DefaultTemplate> = {
  // 条例 Art. 31 (date of receipt), Art. 33 (20 working days; consultation time not counted)
  receipt: {
    title: '政府信息公开申请受理回执',
    paragraphs: [
      APPLICATION_OPENING,
      `根据${ORDINANCE}第三十三条的规定，本机关将自收到申请之日起20个工作日内，即于{{dueOn}}前作出答复；因正当理由需要延长答复期限的，将另行书面告知。征求第三方和其他机关意见所需时间不计算在答复期限内。`,
      '您可以凭申请编号查询申请的办理进度。',
      '特此回执。',
    ],
  },
  // 条例 Art. 30: one notice within 7 working days; the period restarts on receipt of the correction
  correction: {
    title: '政府信息公开申请补正告知书',
    paragraphs: [
      APPLICATION_OPENING,
      `经审查，您的申请内容不够明确，本机关无法据此确定您所需要的政府信息。根据${ORDINANCE}第二十九条、第三十条的规定，现一次性告知您对以下事项作出补正：`,
      '{{correctionItems}}',
      '请您于{{correctionDeadline}}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关将不再处理您的该项政府信息公开申请。',
      '特此告知。',
    ],
  },
  // 条例 Art. 33 ¶2: the disclosure-office head approves; at most 20 more working days
  extension: {
    title: '政府信息公开申请延期答复告知书',
    paragraphs: [
      APPLICATION_OPENING,
      `因{{extensionReason}}，本机关不能在规定期限内作出答复。根据${ORDINANCE}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{extensionDays}}个工作日，本机关将于{{extendedDueOn}}前作出答复。`,
      '特此告知。',
    ],
  },
  // 条例 Art. 32: 15 working days; no answer means the agency decides (silence is NOT consent)
  thirdPartyConsultation: {
    title: '政府信息公开征求第三方意见函',
    paragraphs: [
      CONSULTATION_OPENING,
      '经审查，该政府信息可能涉及贵方的商业秘密、个人隐私等合法权益，公开后可能对贵方合法权益造成损害。',
      `根据${ORDINANCE}第三十二条的规定，现书面征求贵方意见。请贵方自收到本函之日起15个工作日内（即于{{consultationDeadline}}前）书面提出是否同意公开的意见；不同意公开的，请一并说明理由。逾期未提出意见的，由本机关依照${ORDINANCE}的规定决定是否公开。`,
      '联系方式：{{contact}}。',
      '特此函询。',
    ],
  },
  // 条例 Art. 34: 15 working days; silence counts as consent
  agencyConsultation: {
    title: '政府信息公开征求意见函',
    paragraphs: [
      CONSULTATION_OPENING,
      '经审查，该政府信息系本机关与贵单位共同制作。',
      `根据${ORDINANCE}第三十四条的规定，现征求贵单位意见。请贵单位自收到本函之日起15个工作日内（即于{{consultationDeadline}}前）书面反馈是否同意公开的意见；不同意公开的，请说明理由和依据。逾期未提出意见的，视为同意公开。`,
      '联系方式：{{contact}}。',
      '特此函询。',
    ],
  },
  // 条例 Art. 42; 国办函〔2020〕109号: basis, amount, how to pay; 20 working days from the day after receipt
  feeNotice: {
    title: '政府信息公开信息处理费收费通知书',
    paragraphs: [
      APPLICATION_OPENING,
      `经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据${ORDINANCE}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。计费依据：{{feeBasis}}；应缴金额：人民币{{feeAmount}}元。`,
      '请您{{feeDeadline}}按照以下方式缴纳上述费用：{{payment}}。',
      '您逾期未缴纳的，视为放弃申请，本机关将不再处理您的该项政府信息公开申请。',
      '特此通知。',
    ],
  },
};
