export {
  computeRuleBankHolidays,
  easterSunday,
  englandAndWalesBankHolidays,
  SHIPPED_FIRST_YEAR,
  SHIPPED_LAST_YEAR,
} from './bank-holidays.js';
export { MAX_YEAR, MIN_YEAR } from './iso-date.js';
export {
  addWorkingDays,
  bankHolidaysBetween,
  createWorkingCalendar,
  englandAndWalesCalendar,
  isBankHoliday,
  isWorkingDay,
  workingDaysBetween,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from './working-days.js';
