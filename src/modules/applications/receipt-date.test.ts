import { describe, expect, it } from 'vitest';
import { type ReceiptFacts, receiptDate } from './receipt-date';

const facts = { submittedOn: '2024-09-23', signedOn: '2024-09-24', confirmedOn: '2024-09-25' };

describe('date of receipt by channel (条例 Art. 31)', () => {
  it.each<[ReceiptFacts['channel'], string, string]>([
    ['in_person', '2024-09-23', '第（一）项'],
    ['registered_post', '2024-09-24', '签收之日'],
    ['letter', '2024-09-25', '平常信函'],
    ['online', '2024-09-25', '双方确认之日'],
    ['fax', '2024-09-25', '传真'],
  ])('%s → %s', (channel, expected, basis) => {
    const result = receiptDate({ channel, ...facts });
    expect(result.receivedOn).toBe(expected);
    expect(result.basis).toContain(basis);
  });

  it('has no date of receipt until the fact the channel needs is there', () => {
    expect(receiptDate({ channel: 'online', submittedOn: '2024-09-23' }).receivedOn).toBeNull();
    expect(receiptDate({ channel: 'registered_post', confirmedOn: '2024-09-25' }).receivedOn).toBeNull();
  });
});
