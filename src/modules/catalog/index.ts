export {
  countStaffItems,
  getColumn,
  getColumnById,
  getStaffItem,
  latestPublicItems,
  listColumns,
  listPublicItems,
  listStaffItems,
  PAGE_SIZE,
  readItemForPage,
  readItemStamp,
} from './catalog.service';
export { type ColumnSection, columnSections, sectionOfColumn, standardColumns } from './standard-columns';
export { countView, saveViewCounts, unsavedViews } from './view-counter';
export {
  anonymousScope,
  isVisible,
  type Visibility,
  type VisibilityScope,
  visibilityScopeOf,
} from './visibility';

// Anonymous machine-readable channels: Atom feeds, the sitemap and the JSON API.

export {
  findPublicItems,
  getPublicItemRecord,
  listAgencyColumns,
  type PublicItemFilter,
  type PublicItemRecord,
  type PublicItemRow,
} from './api-query.service';
export { type ColumnFeed, renderAtomFeed } from './atom-feed';
export { buildSitemap, columnFeed, FEED_SIZE, type Sitemap, sitemapFile } from './feeds.service';
export { renderSitemapIndex, renderUrlSet, SITEMAP_MAX_URLS, type SitemapUrl } from './sitemap';
export { chinaYearBounds, publicItems, visibleTo } from './visibility-query';
