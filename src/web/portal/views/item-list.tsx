/** A list of items with their dates: the common shape of the home, agency and column pages. */
export function ItemList({ items }: { items: { id: string; title: string; published_at: string | null }[] }) {
  if (items.length === 0) return <p class="empty">暂无信息</p>;
  return (
    <ul class="item-list">
      {items.map((i) => (
        <li>
          <a href={`/items/${i.id}`}>{i.title}</a>
          <time dateTime={i.published_at ?? ''}>{formatDate(i.published_at)}</time>
        </li>
      ))}
    </ul>
  );
}

/** YYYY-MM-DD in China time, as portals print dates. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:mm in China time. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
