import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { parseApplication } from './application-input';

const valid = {
  applicantType: 'natural',
  name: '张三',
  idType: '居民身份证',
  idNumber: '11010519491231002x',
  phone: '13812345678',
  description: '请公开某项资金的分配结果',
  deliveryForm: 'electronic',
  deliveryChannel: 'online',
};

function fieldsOf(raw: Record<string, unknown>): Record<string, string> {
  try {
    parseApplication(raw);
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  return {};
}

describe('the application form (条例 Art. 29)', () => {
  it('accepts a complete application and normalises the identity number', () => {
    expect(parseApplication(valid).idNumber).toBe('11010519491231002X');
  });

  it('reports the cross-field rules together with missing fields on the first submit', () => {
    const fields = fieldsOf({
      ...valid,
      applicantType: undefined,
      deliveryChannel: 'email',
      idNumber: '110105194912310021',
    });
    expect(fields.applicantType).toBe('请选择申请人类型');
    expect(fields.email).toBe('选择电子邮件方式时请填写电子邮箱');
  });

  it('checks the proof of identity against the applicant type', () => {
    expect(fieldsOf({ ...valid, idNumber: '110105194912310021' }).idNumber).toContain('居民身份证号码不正确');
    const org = fieldsOf({ ...valid, applicantType: 'commercial', idNumber: '91350100M000100Y44' });
    expect(org.idNumber).toContain('统一社会信用代码不正确');
    expect(org.contactPerson).toBe('法人或其他组织请填写联系人姓名');
    expect(fieldsOf({ ...valid, deliveryChannel: 'post' }).address).toBe('选择邮寄方式时请填写通信地址');
  });
});
