export {
  countView,
  findWithdrawnPublic,
  getColumn,
  getColumnById,
  getReadableItem,
  getStaffItem,
  latestPublicItems,
  listColumns,
  listPublicItems,
  listStaffItems,
  PAGE_SIZE,
} from './catalog.service';
export { standardColumns } from './standard-columns';
export {
  anonymousScope,
  isVisible,
  type Visibility,
  type VisibilityScope,
  visibilityScopeOf,
} from './visibility';
