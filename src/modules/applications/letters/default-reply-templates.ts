import { type Outcome, type OutcomeCode, outcomeOf } from '../outcomes';
import { APPLICATION_OPENING, type DefaultTemplate } from './default-notice-templates';

// Default wording of the reply 告知书, one per outcome (条例 Art. 36–39, law-and-formats.md §1.6). Every
// finding cites {{basis}}, which the code fills from outcomes.ts; {{outcomeNote}} carries the case's own
// facts (the withheld parts and reasons, where the information is published, the responsible agency).
// The remedies paragraph of a refusal is appended by fill-letter.ts, never written here.

const WITHHELD = '根据{{basis}}的规定，本机关决定不予公开。具体理由如下：{{outcomeNote}}';

const findings: Record<OutcomeCode, string> = {
  disclosed:
    '经审查，您申请公开的政府信息属于可以公开的政府信息。根据{{basis}}的规定，本机关决定予以公开。{{outcomeNote}}',
  partiallyDisclosed:
    '经审查，您申请公开的政府信息中，部分内容可以公开，其余内容依法不予公开且能够作区分处理。根据{{basis}}的规定，本机关对可以公开的部分予以提供；不予公开的部分及理由如下：{{outcomeNote}}',
  'withheld.stateSecret': `经审查，您申请公开的政府信息经依法确定属于国家秘密。${WITHHELD}`,
  'withheld.prohibitedByLaw': `经审查，您申请公开的政府信息属于法律、行政法规禁止公开的政府信息。${WITHHELD}`,
  'withheld.securityStability': `经审查，您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。${WITHHELD}`,
  'withheld.thirdPartyRights': `经审查，您申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。本机关已依法书面征求第三方意见，第三方不同意公开，且不公开不会对公共利益造成重大影响。${WITHHELD}`,
  'withheld.internalAffairs': `经审查，您申请公开的政府信息属于本机关的人事管理、后勤管理、内部工作流程等内部事务信息。${WITHHELD}`,
  'withheld.processInformation': `经审查，您申请公开的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。${WITHHELD}`,
  'withheld.enforcementFiles': `经审查，您申请公开的政府信息属于行政执法案卷信息。${WITHHELD}`,
  'withheld.administrativeInquiry': `经审查，您提出的申请实为向本机关查询、核实与您自身相关的行政管理事项，属于行政查询事项。${WITHHELD}`,
  'unable.notHeld':
    '经检索查找，本机关未制作或者获取您申请公开的政府信息。根据{{basis}}的规定，现告知如下：{{outcomeNote}}',
  'unable.needsCreation':
    '经审查，本机关没有您申请公开的现成政府信息，提供该信息需要本机关对现有政府信息进行加工、分析。根据{{basis}}的规定，本机关不予提供。{{outcomeNote}}',
  'unable.stillUnclear':
    '本机关已书面告知您对申请内容作出补正。经审查，补正后的申请内容仍不明确，本机关无法据此确定您所需要的政府信息。根据{{basis}}的规定，本机关无法向您提供。{{outcomeNote}}',
  'notProcessed.petition':
    '经审查，您提出的申请属于信访、投诉、举报等事项，不属于政府信息公开申请。根据{{basis}}的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。{{outcomeNote}}',
  'notProcessed.repeated':
    '经审查，您此次申请公开的政府信息与您此前向本机关申请公开的政府信息相同，本机关已依法作出答复。根据{{basis}}的规定，本机关不予重复处理。{{outcomeNote}}',
  'notProcessed.publications':
    '经审查，您申请获取的是公开出版物。根据{{basis}}的规定，本机关告知您获取的途径如下：{{outcomeNote}}',
  'notProcessed.excessive':
    '经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，您提出的理由不合理。根据{{basis}}的规定，本机关不予处理。{{outcomeNote}}',
  'notProcessed.confirmOrReissue':
    '经审查，您提出的申请系要求本机关确认或者重新出具您已经获取的政府信息，不属于政府信息公开申请的处理范围。根据{{basis}}的规定，本机关不予处理。{{outcomeNote}}',
  'other.noCorrection':
    '本机关已书面告知您对申请内容作出补正，并说明了补正期限。您无正当理由逾期未作补正，根据{{basis}}的规定，视为放弃申请，本机关不再处理您的该项政府信息公开申请。{{outcomeNote}}',
  'other.feeUnpaid':
    '本机关已向您送达信息处理费收费通知书。您逾期未按通知要求缴纳费用，根据{{basis}}的规定，视为放弃申请，本机关不再处理您的该项政府信息公开申请。{{outcomeNote}}',
  'other.other':
    '经审查，法律、行政法规对您申请获取的信息的获取另有特别规定。根据{{basis}}的规定，请您依照有关法律、行政法规的规定办理。{{outcomeNote}}',
};

const titles: Record<Outcome['group'], string> = {
  予以公开: '政府信息予以公开告知书',
  部分公开: '政府信息部分公开告知书',
  不予公开: '政府信息不予公开告知书',
  无法提供: '政府信息无法提供告知书',
  不予处理: '政府信息公开申请不予处理告知书',
  其他处理: '政府信息公开申请处理结果告知书',
};

/** The default reply of an outcome: title by its group, the opening, the finding citing {{basis}}. */
export function defaultReplyTemplate(code: OutcomeCode): DefaultTemplate {
  const outcome = outcomeOf(code);
  const closing = outcome.refusal ? [] : ['特此告知。']; // a refusal closes with the remedies paragraph
  return { title: titles[outcome.group], paragraphs: [APPLICATION_OPENING, findings[code], ...closing] };
}
