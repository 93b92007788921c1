import type { Item } from '../../../db/schema';
import { ACCEPTED_EXTENSIONS, type AttachmentView } from '../../../modules/attachments';
import { ActionButton } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

/** What the back-office panel shows: the item's attachments, and whether the viewer may change them. */
export interface AttachmentsPanelData {
  itemId: string;
  attachments: AttachmentView[];
  canManage: boolean;
  limits: { maxFileMb: number; maxFiles: number };
}

function UploadForm(props: AttachmentsPanelData & { csrf: string }) {
  const hint = `PDF、OFD、Word、Excel、JPEG、PNG；单个文件不超过 ${props.limits.maxFileMb} MB，一次最多 ${props.limits.maxFiles} 个。`;
  return (
    <form
      method="post"
      action={`/admin/items/${props.itemId}/attachments`}
      enctype="multipart/form-data"
      class="form"
      aria-label="上传附件"
    >
      {/* First in the form: the server checks the token before it accepts a single file byte. */}
      <input type="hidden" name="_csrf" value={props.csrf} />
      <div class="field">
        <label for="f-files">上传附件</label>
        <small id="f-files-hint" class="hint">
          {hint}
        </small>
        <input
          id="f-files"
          name="files"
          type="file"
          multiple
          required
          accept={ACCEPTED_EXTENSIONS}
          aria-describedby="f-files-hint"
        />
      </div>
      <button type="submit">上传</button>
    </form>
  );
}

/** The attachments of an item in the back office: list, download, delete and upload while it is a draft. */
export function AttachmentsPanel(props: AttachmentsPanelData & { csrf: string }) {
  const columns = ['文件名', '类型', '大小', 'SHA-256', ...(props.canManage ? ['操作'] : [])];
  return (
    <section class="attachments-panel" aria-labelledby="attachments-title">
      <h2 id="attachments-title">附件</h2>
      {props.attachments.length === 0 ? (
        <p>暂无附件。</p>
      ) : (
        <Table caption="附件列表" columns={columns}>
          {props.attachments.map((a) => (
            <tr>
              <td>
                <a href={a.href}>{a.name}</a>
              </td>
              <td>{a.typeLabel}</td>
              <td class="nowrap">{a.sizeLabel}</td>
              <td>
                <code title={a.sha256}>{a.shortSha256}…</code>
              </td>
              {props.canManage && (
                <td>
                  <ActionButton
                    action={`/admin/items/${props.itemId}/attachments/${a.id}/delete`}
                    csrf={props.csrf}
                    label="删除"
                  />
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {props.canManage && <UploadForm {...props} />}
    </section>
  );
}

/** A refused upload or deletion: the reason, the panel again to retry, and the way back to the item. */
export function AttachmentsPage(
  props: AdminShell & { item: Pick<Item, 'id' | 'title'>; message: string; panel: AttachmentsPanelData },
) {
  return (
    <AdminLayout {...props} title={`附件：${props.item.title}`}>
      <p class="form-error" role="alert">
        {props.message}
      </p>
      <AttachmentsPanel {...props.panel} csrf={props.csrf} />
      <p>
        <a href={`/admin/items/${props.item.id}`}>返回信息详情</a>
      </p>
    </AdminLayout>
  );
}

/** The attachments of a published item on its portal page: name, type, size and a download link. */
export function AttachmentList({ attachments }: { attachments: AttachmentView[] }) {
  if (attachments.length === 0) return null;
  return (
    <section class="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">附件</h2>
      <ul>
        {attachments.map((a) => (
          <li>
            <a href={a.href}>{a.name}</a>（{a.typeLabel}，{a.sizeLabel}）
          </li>
        ))}
      </ul>
    </section>
  );
}
