// 条例 Art. 31: the date of receipt (收到申请之日) depends on the channel. Pure: the channel's facts in,
// the legal date out (null while the fact the channel needs is not there yet).

export type ReceiptChannel = 'in_person' | 'registered_post' | 'letter' | 'online' | 'fax';

export interface ReceiptFacts {
  channel: ReceiptChannel;
  submittedOn?: string | null | undefined; // handed in at the office
  signedOn?: string | null | undefined; // the agency signed for the post
  confirmedOn?: string | null | undefined; // the office confirmed with the applicant
}

export interface ReceiptDate {
  receivedOn: string | null;
  basis: string;
}

const rules: Record<ReceiptChannel, { fact: keyof Omit<ReceiptFacts, 'channel'>; basis: string }> = {
  in_person: { fact: 'submittedOn', basis: '条例第三十一条第（一）项：当面提交的，以提交之日为收到申请之日' },
  registered_post: {
    fact: 'signedOn',
    basis: '条例第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日',
  },
  letter: {
    fact: 'confirmedOn',
    basis: '条例第三十一条第（二）项：以平常信函提交的，于收到当日与申请人确认，确认之日为收到申请之日',
  },
  online: {
    fact: 'confirmedOn',
    basis: '条例第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日',
  },
  fax: {
    fact: 'confirmedOn',
    basis: '条例第三十一条第（三）项：通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日',
  },
};

/** The date of receipt for the channel, with the clause that sets it. */
export function receiptDate(facts: ReceiptFacts): ReceiptDate {
  const rule = rules[facts.channel];
  return { receivedOn: facts[rule.fact] ?? null, basis: rule.basis };
}
