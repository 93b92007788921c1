import { z } from 'zod';
import { AppError, type FieldErrors } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { isPhoneNumber, isResidentIdNumber, isUnifiedSocialCreditCode } from './identity';

// What an application must contain (条例 Art. 29) and nothing more: who applies (name, proof of
// identity, contact details), what information is sought, and the form and channel of delivery; plus
// the applicant type the annual report's table 3 counts by (国办公开办函〔2021〕30号).

export const applicantTypeLabels = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  publicWelfare: '社会公益组织',
  legalService: '法律服务机构',
  other: '其他组织',
} as const;

export const personIdTypes = [
  '居民身份证',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '护照',
  '其他',
] as const;
export const ORGANISATION_ID_TYPE = '统一社会信用代码';

export const deliveryFormLabels = {
  paper: '纸质',
  electronic: '电子文档',
  inspection: '当场阅读、抄录',
} as const;
export const deliveryChannelLabels = {
  post: '邮寄',
  email: '电子邮件',
  pickup: '自行领取',
  online: '网上获取（凭查询码下载）',
} as const;

// Art. 31: the day of receipt by channel; the registering officer enters the day the rule names.
export const staffChannelLabels = {
  in_person: '当面提交（以提交之日为收到之日）',
  registered_post: '挂号信、特快专递等需签收的邮件（以签收之日为收到之日）',
  letter: '平常信函（以与申请人确认之日为收到之日）',
  fax: '传真（以双方确认之日为收到之日）',
} as const;

const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 字`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 字`)
    .optional()
    .transform((v) => v || '');

const applicationShape = z.object({
  applicantType: z.enum(Object.keys(applicantTypeLabels) as [keyof typeof applicantTypeLabels], {
    message: '请选择申请人类型',
  }),
  name: text('申请人姓名或名称', 100),
  idType: optionalText('证件类型', 30),
  idNumber: z
    .string({ message: '请填写证件号码' })
    .trim()
    .toUpperCase()
    .min(1, '请填写证件号码')
    .max(40, '证件号码过长'),
  contactPerson: optionalText('联系人', 50),
  phone: z.string({ message: '请填写联系电话' }).trim().min(1, '请填写联系电话').refine(isPhoneNumber, {
    message: '联系电话格式不正确（手机 11 位，座机请带区号）',
  }),
  email: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || '')
    .refine((v) => v === '' || /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(v), {
      message: '电子邮箱格式不正确',
    }),
  address: optionalText('通信地址', 200),
  description: z
    .string({ message: '请描述所需政府信息' })
    .trim()
    .min(5, '请描述所需政府信息（名称、文号或便于查询的特征，至少 5 个字）')
    .max(2000, '所需信息描述不能超过 2000 字'),
  deliveryForm: z.enum(Object.keys(deliveryFormLabels) as [keyof typeof deliveryFormLabels], {
    message: '请选择获取信息的形式',
  }),
  deliveryChannel: z.enum(Object.keys(deliveryChannelLabels) as [keyof typeof deliveryChannelLabels], {
    message: '请选择获取信息的途径',
  }),
});

export type ApplicationInput = z.output<typeof applicationShape>;

const text_ = (raw: Record<string, unknown>, key: string) =>
  typeof raw[key] === 'string' ? (raw[key] as string).trim() : '';

/**
 * The cross-field rules: the identity proof matching the applicant type, and what delivery needs. Read
 * from the raw form, so they are reported together with the field errors on the first submit (a zod
 * refinement would wait until every field is valid).
 */
function consistencyErrors(raw: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  const type = text_(raw, 'applicantType');
  const idNumber = text_(raw, 'idNumber').toUpperCase();
  if (type === 'natural') {
    const idType = text_(raw, 'idType');
    if (!personIdTypes.includes(idType as (typeof personIdTypes)[number]))
      errors.idType = '请选择身份证件类型';
    else if (idType === '居民身份证' && idNumber && !isResidentIdNumber(idNumber))
      errors.idNumber = '居民身份证号码不正确（应为 18 位，末位校验码或出生日期有误）';
  } else if (type) {
    if (idNumber && !isUnifiedSocialCreditCode(idNumber))
      errors.idNumber = '统一社会信用代码不正确（应为 18 位，末位校验码有误）';
    if (!text_(raw, 'contactPerson')) errors.contactPerson = '法人或其他组织请填写联系人姓名';
  }
  const channel = text_(raw, 'deliveryChannel');
  if (channel === 'email' && !text_(raw, 'email')) errors.email = '选择电子邮件方式时请填写电子邮箱';
  if (channel === 'post' && !text_(raw, 'address')) errors.address = '选择邮寄方式时请填写通信地址';
  return errors;
}

/** Registration by staff of an application received in person, by post or by fax. */
const registrationShape = applicationShape.extend({
  channel: z.enum(Object.keys(staffChannelLabels) as [keyof typeof staffChannelLabels], {
    message: '请选择收到申请的方式',
  }),
  receivedOn: z.iso.date({ message: '请填写收到申请之日（YYYY-MM-DD）' }),
});

export type RegistrationInput = z.output<typeof registrationShape>;

function parseWithConsistency<S extends z.ZodType>(shape: S, raw: Record<string, unknown>): z.output<S> {
  const input = withOrganisationIdType(raw);
  const cross = consistencyErrors(input);
  try {
    const parsed = parseInput(shape, input);
    if (Object.keys(cross).length === 0) return parsed;
    throw new AppError('validation', '', { fields: {} });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation') throw error;
    const fields = { ...cross, ...error.fields };
    const summary = Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('；');
    throw new AppError('validation', `输入有误：${summary}`, { fields });
  }
}

/** Validates the public online form (条例 Art. 29). */
export function parseApplication(raw: Record<string, unknown>): ApplicationInput {
  return parseWithConsistency(applicationShape, raw);
}

/** Validates a registration by staff. */
export function parseRegistration(raw: Record<string, unknown>): RegistrationInput {
  return parseWithConsistency(registrationShape, raw);
}

/** Normalises the identity field for organisations (the code is the proof) before validation. */
function withOrganisationIdType(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.applicantType && raw.applicantType !== 'natural') return { ...raw, idType: ORGANISATION_ID_TYPE };
  return raw;
}
