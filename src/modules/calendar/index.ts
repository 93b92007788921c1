export { addWorkingDays, defaultIsWorkday, type IsWorkday, workingDaysAfter } from './working-days';
