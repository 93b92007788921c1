import { disclosureBases, disclosureLabels, genres, type SubjectNode } from '../../../modules/documents';
import { interpretationForms } from '../../../modules/interpretations';
import {
  CheckboxField,
  Field,
  type FormState,
  PostForm,
  RadioField,
  SelectField,
  TextAreaField,
} from './form';
import { AdminLayout, type AdminShell } from './layout';

export interface ColumnChoice {
  id: string;
  name: string;
  agencyName: string;
}

export interface PolicyChoice {
  id: string;
  title: string;
}

interface Props extends AdminShell {
  policies: PolicyChoice[];
  title: string;
  action: string;
  columns: ColumnChoice[];
  subjects: SubjectNode[];
  state?: FormState | undefined;
}

/** The draft form: content, catalogue metadata and the disclosure status set at the source. */
export function ItemFormPage(props: Props) {
  const s = props.state;
  return (
    <AdminLayout {...props} title={props.title}>
      <PostForm action={props.action} csrf={props.csrf} state={s} label={props.title}>
        <h2>内容</h2>
        <SelectField
          name="columnId"
          label="栏目"
          state={s}
          options={props.columns.map((c) => ({ value: c.id, label: c.name, group: c.agencyName }))}
        />
        <Field name="title" label="标题" required state={s} />
        <TextAreaField
          name="bodyHtml"
          label="正文"
          rows={14}
          hint="可粘贴 Word 或网页内容；保存时自动清理脚本、外部图片和样式"
          state={s}
        />
        <h2>目录信息</h2>
        <Field name="docNumber" label="文号" hint="如 示经信发〔2026〕3号；没有可不填" state={s} />
        <Field name="issuer" label="发文机关" hint="默认为本单位全称" state={s} />
        <Field name="writtenOn" label="成文日期" type="date" state={s} />
        <SelectField
          name="subjectId"
          label="主题分类"
          state={s}
          options={props.subjects.flatMap((top) =>
            top.children.length
              ? top.children.map((c) => ({ value: c.id, label: c.name, group: top.name }))
              : [{ value: top.id, label: top.name }],
          )}
        />
        <SelectField
          name="genre"
          label="体裁"
          state={s}
          options={genres.map((g) => ({ value: g, label: g }))}
        />
        <Field name="keywords" label="关键词" hint="用逗号分隔" state={s} />
        <TextAreaField name="summary" label="内容概述" rows={3} hint="约 100 字，不重复标题" state={s} />
        <CheckboxField name="isPolicy" label="重大政策（须同步解读）" state={s} />
        <h2>规范性文件</h2>
        <p class="hint">
          体裁为“规范性文件”时必填；发布时登记入库，有效期自施行日期起 5 年（试行、暂行 2 年）。
        </p>
        <Field name="registrationNumber" label="登记号" hint="如 SFGS-2026-3" state={s} />
        <Field name="effectiveFrom" label="施行日期" type="date" state={s} />
        <h2>政策解读</h2>
        <p class="hint">体裁为“政策解读”时必填；解读与政策同步审签、同步发布（三同步）。</p>
        <SelectField
          name="policyItemId"
          label="所解读的政策"
          state={s}
          options={props.policies.map((p) => ({ value: p.id, label: p.title }))}
        />
        <SelectField
          name="interpretationForm"
          label="解读形式"
          state={s}
          options={Object.entries(interpretationForms).map(([value, label]) => ({ value, label }))}
        />
        <h2>公开</h2>
        <RadioField
          name="visibility"
          label="公开范围"
          state={s}
          options={[
            { value: 'public', label: '对外公开' },
            { value: 'internal', label: '对内公开（全区工作人员）' },
            { value: 'agency', label: '仅本单位' },
          ]}
        />
        <RadioField
          name="disclosure"
          label="公开属性（报审前必须认定）"
          state={s}
          options={Object.entries(disclosureLabels).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          name="disclosureBasis"
          label="法律依据（依申请公开、不予公开时必填）"
          state={s}
          options={Object.entries(disclosureBases).map(([value, label]) => ({ value, label }))}
        />
        <TextAreaField
          name="disclosureReason"
          label="理由（依申请公开、不予公开时必填）"
          rows={2}
          state={s}
        />
        <Field name="scheduledAt" label="定时发布（可选，北京时间）" type="datetime-local" state={s} />
        <button type="submit">保存草稿</button>
      </PostForm>
    </AdminLayout>
  );
}
