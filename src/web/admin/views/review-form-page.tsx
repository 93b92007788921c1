import type { Item, ReviewActionTable } from '../../../db/schema';
import { disclosureBases, disclosureLabels } from '../../../modules/documents';
import { formatDateTime } from '../../portal/views/item-list';
import { ReviewHistory } from './item-detail';
import { AdminLayout, type AdminShell } from './layout';

/** The printable 审查单: the item, its disclosure status with basis, and every opinion with person and time. */
export function ReviewFormPage(
  props: AdminShell & { item: Item; agencyName: string; history: ReviewActionTable[] },
) {
  const { item } = props;
  const basis = item.disclosure_basis
    ? disclosureBases[item.disclosure_basis as keyof typeof disclosureBases]
    : '';
  return (
    <AdminLayout {...props} title="政府信息公开审查单">
      <table class="review-sheet">
        <tbody>
          <tr>
            <th scope="row">信息名称</th>
            <td colSpan={3}>{item.title}</td>
          </tr>
          <tr>
            <th scope="row">制作单位</th>
            <td>{props.agencyName}</td>
            <th scope="row">文号</th>
            <td>{item.doc_number ?? '—'}</td>
          </tr>
          <tr>
            <th scope="row">公开属性</th>
            <td>{item.disclosure ? disclosureLabels[item.disclosure] : '未认定'}</td>
            <th scope="row">成文日期</th>
            <td>{item.written_on ?? '—'}</td>
          </tr>
          {basis && (
            <tr>
              <th scope="row">依据与理由</th>
              <td colSpan={3}>
                {basis}；{item.disclosure_reason}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">索引号</th>
            <td>{item.index_number ?? '—'}</td>
            <th scope="row">发布时间</th>
            <td>{formatDateTime(item.published_at) || '—'}</td>
          </tr>
        </tbody>
      </table>
      <ReviewHistory history={props.history} />
      <p class="hint">本审查单由系统根据审核记录生成，记录不可修改（“谁审查、谁负责”）。</p>
    </AdminLayout>
  );
}
