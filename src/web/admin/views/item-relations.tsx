import type { ItemRelations } from '../../../modules/documents';
import { normativeStatusLabels } from '../../../modules/normative';

/** The registry entry, the interpreted policy or the interpretations, and the 摘抄 warning. */
export function RelationsPanel(props: {
  itemId: string;
  relations: ItemRelations;
  csrf: string;
  canChangeNormative: boolean;
  successorChoices: { id: string; title: string }[];
}) {
  const { normative, policy, interpretations, copiedShare, traditional, corrects } = props.relations;
  return (
    <section class="relations" aria-label="关联信息">
      {corrects && (
        <p class="notice" role="note">
          这是对《<a href={`/admin/items/${corrects.id}`}>{corrects.title}</a>》的更正（原因：
          {corrects.reason}）。审核通过后将作为原信息的新版本发布，索引号和首次发布时间不变。
        </p>
      )}
      {traditional.length > 0 && (
        <p class="form-error" role="note">
          标题或正文含繁体字 {traditional.slice(0, 20).join('')}
          {traditional.length > 20 ? '…' : ''}，请核对是否应改为简体（系统不会自动修改）。
        </p>
      )}
      {normative && (
        <div class="card">
          <h2>规范性文件登记</h2>
          <p>
            登记号 {normative.entry.registration_number}；施行日期 {normative.entry.effective_from}；有效期至{' '}
            {normative.entry.valid_until}
            {normative.entry.trial ? '（试行/暂行）' : ''}
          </p>
          <p>
            有效性：<strong>{normativeStatusLabels[normative.entry.status]}</strong>
            {normative.entry.status !== 'in_force' &&
              `（${normative.entry.status_date}，${normative.entry.status_instrument}）`}
          </p>
          {normative.successor && (
            <p>
              修订后文件：<a href={`/admin/items/${normative.successor.id}`}>{normative.successor.title}</a>
            </p>
          )}
          {normative.predecessor && (
            <p>
              本文件修订了：
              <a href={`/admin/items/${normative.predecessor.id}`}>{normative.predecessor.title}</a>
            </p>
          )}
          {props.canChangeNormative && <NormativeStatusForm {...props} />}
        </div>
      )}
      {policy && (
        <div class="card">
          <h2>政策解读（{policy.form}）</h2>
          <p>
            所解读的政策：<a href={`/admin/items/${policy.id}`}>{policy.title}</a>
          </p>
          {copiedShare?.warn && (
            <p class="form-error" role="alert">
              本解读有 {Math.round(copiedShare.share * 100)}%
              的内容与政策原文相同，像是摘抄而非解读。请用通俗语言说明背景、要点和办理方式。
            </p>
          )}
        </div>
      )}
      {interpretations.length > 0 && (
        <div class="card">
          <h2>本政策的解读</h2>
          <ul>
            {interpretations.map((i) => (
              <li>
                <a href={`/admin/items/${i.id}`}>{i.title}</a>（{i.form}）
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function NormativeStatusForm(props: {
  itemId: string;
  csrf: string;
  successorChoices: { id: string; title: string }[];
}) {
  return (
    <form
      method="post"
      action={`/admin/items/${props.itemId}/normative`}
      class="form"
      aria-label="变更有效性"
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      <div class="field">
        <label for="f-nstatus">变更为</label>
        <select id="f-nstatus" name="status">
          <option value="repealed">废止</option>
          <option value="amended">已修订</option>
          <option value="partly_expired">部分失效</option>
          <option value="expired">失效</option>
        </select>
      </div>
      <div class="field">
        <label for="f-neffective">生效日期</label>
        <input id="f-neffective" name="effectiveOn" type="date" />
      </div>
      <div class="field">
        <label for="f-ninstrument">依据文件</label>
        <input id="f-ninstrument" name="instrument" />
      </div>
      <div class="field">
        <label for="f-nsuccessor">修订后的新文件（已修订时必选）</label>
        <select id="f-nsuccessor" name="successorItemId">
          <option value="">无</option>
          {props.successorChoices.map((c) => (
            <option value={c.id}>{c.title}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        变更有效性
      </button>
    </form>
  );
}
