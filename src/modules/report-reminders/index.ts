export {
  type AgencyKind,
  type ReminderFacts,
  type ReminderStage,
  reminderStage,
  reminderText,
  reportDeadline,
  reportYearOn,
  STAGE_DAYS,
} from './reminder-schedule';
export { agenciesWithPublishedReport, sendReportReminders } from './report-reminder.service';
