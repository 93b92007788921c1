// Paging input comes from URLs: anything odd becomes the nearest sensible value, never an error.

export const MAX_PAGE_SIZE = 100;

/** A 1-based page and a page size in [1, MAX_PAGE_SIZE]. */
export function clampPaging(page: number, pageSize: number): { page: number; pageSize: number } {
  const p = Number.isFinite(page) ? Math.max(1, Math.floor(page)) : 1;
  const s = Number.isFinite(pageSize) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize))) : 20;
  return { page: Math.min(p, 1_000_000), pageSize: s };
}
