import type { Agency } from '../../../db/schema';
import {
  applicantTypeLabels,
  deliveryChannelLabels,
  deliveryFormLabels,
  personIdTypes,
} from '../../../modules/applications';
import {
  ErrorSummary,
  PublicForm,
  type PublicFormState,
  RadioGroup,
  Select,
  TextArea,
  TextInput,
} from './application-fields';
import { type PageShell, PortalLayout } from './layout';

// The online application form (条例 Art. 29): only what the law asks for, plus the applicant type the
// annual report counts. One form for people and organisations; hints say which fields apply to whom.

/** The field names of the form, as the error summary names them. */
export const applicationFieldLabels: Record<string, string> = {
  applicantType: '申请人类型',
  name: '申请人姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码或统一社会信用代码',
  contactPerson: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  description: '所需政府信息的描述',
  deliveryForm: '获取信息的形式',
  deliveryChannel: '获取信息的途径',
};

const L = applicationFieldLabels;

/** GET/POST /apply/:agencyCode: the form, empty or with the values and messages of a failed attempt. */
export function ApplicationFormPage(
  props: PageShell & { agency: Agency; csrf: string; state: PublicFormState },
) {
  const { state } = props;
  const failed = Object.keys(state.errors).length > 0;
  return (
    <PortalLayout
      {...props}
      title={`${failed ? '错误：' : ''}向${props.agency.name}申请政府信息公开`}
      meta={{ ColumnName: '依申请公开', ColumnType: '办事' }}
    >
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href="/apply">依申请公开</a> › 填写申请
      </nav>
      <h1>政府信息公开申请表</h1>
      <p>
        受理机关：<strong>{props.agency.name}</strong>
        。标有“（必填）”的项目必须填写。您的证件号码和联系方式加密保存，仅用于办理本申请，任何公开页面都不会显示。
      </p>
      <ErrorSummary state={state} labels={L} />
      <PublicForm action={`/apply/${props.agency.code}`} csrf={props.csrf} label="政府信息公开申请表">
        <h2>申请人信息</h2>
        <RadioGroup
          name="applicantType"
          label={L.applicantType ?? ''}
          state={state}
          required
          hint="以个人名义申请请选“自然人”；以单位名义申请请选单位类型。"
          options={applicantTypeLabels}
        />
        <TextInput
          name="name"
          label={L.name ?? ''}
          state={state}
          required
          autocomplete="name"
          maxLength={100}
          hint="自然人填写本人姓名；法人或其他组织填写单位全称。"
        />
        <Select
          name="idType"
          label="证件类型（自然人填写）"
          state={state}
          options={personIdTypes}
          hint="自然人请选择身份证件类型；法人或其他组织无需选择。"
        />
        <TextInput
          name="idNumber"
          label={L.idNumber ?? ''}
          state={state}
          required
          maxLength={40}
          hint="自然人填写所选证件的号码；法人或其他组织填写 18 位统一社会信用代码。"
        />
        <TextInput
          name="contactPerson"
          label="联系人（法人或其他组织填写）"
          state={state}
          maxLength={50}
          hint="以单位名义申请时必填，填写经办人姓名；自然人无需填写。"
        />
        <h2>联系方式</h2>
        <TextInput
          name="phone"
          label={L.phone ?? ''}
          state={state}
          required
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          maxLength={20}
          hint="手机号码 11 位；座机请带区号，如 0591-12345678。"
        />
        <TextInput
          name="email"
          label={L.email ?? ''}
          state={state}
          type="email"
          inputMode="email"
          autocomplete="email"
          maxLength={100}
          hint="选择以电子邮件获取信息时必填。"
        />
        <TextInput
          name="address"
          label={L.address ?? ''}
          state={state}
          autocomplete="street-address"
          maxLength={200}
          hint="选择邮寄获取信息时必填，请写明邮政编码。"
        />
        <h2>所需政府信息</h2>
        <TextArea
          name="description"
          label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
          state={state}
          required
          maxLength={2000}
          hint="请尽量写明文件名称、文号、发布时间或事项名称，避免使用“等”“所有”“相关”等不特定的模糊描述。每份申请宜只涉及一项政府信息。不超过 2000 字。"
        />
        <RadioGroup
          name="deliveryForm"
          label={L.deliveryForm ?? ''}
          state={state}
          required
          options={deliveryFormLabels}
        />
        <RadioGroup
          name="deliveryChannel"
          label={L.deliveryChannel ?? ''}
          state={state}
          required
          hint="选择“网上获取”的，答复文书可凭申请编号和查询码在本网站下载。"
          options={deliveryChannelLabels}
        />
        <p>
          <button type="submit">提交申请</button>
        </p>
      </PublicForm>
    </PortalLayout>
  );
}
