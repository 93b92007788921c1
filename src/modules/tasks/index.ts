export {
  addEvidenceFile,
  evidenceOf,
  linkEvidenceItem,
  openEvidenceFile,
  removeEvidence,
  requireEvidenceEditable,
} from './evidence.service';
export { currentListYear, type ImportResult, importKeyTaskList } from './list-import.service';
export { parseKeyTaskRows, type SkippedRow } from './list-parse';
export { readListFile } from './list-read';
export {
  addMeeting,
  addStaff,
  addTraining,
  getStaff,
  listMeetings,
  listStaff,
  openMeetingFile,
  rosterEmails,
  staffLeft,
} from './staff.service';
export {
  acceptTask,
  decomposeItem,
  getKeyTask,
  reportProgress,
  returnTask,
  submitTask,
} from './task.service';
export { mayKeepRoster, mayManageKeyTasks, mayReviewTask, maySeeAgency, mayWorkOnTask } from './task-access';
export { taskFilePath, taskFilesRoot } from './task-files';
export {
  getListItem,
  type KeyTaskProgress,
  keyTaskProgress,
  listItems,
  listYears,
  ownerChoices,
  publishedItemsOf,
  type TaskRow,
  taskEvents,
  taskRows,
  tasksFor,
} from './task-query.service';
export { isLate, type TaskStatus, taskStatusLabels, taskStatusOf } from './task-status';
