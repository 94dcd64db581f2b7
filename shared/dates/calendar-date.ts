/** Dates travel as ISO calendar dates (YYYY-MM-DD), the format of the JSON APIs; this is one, parsed. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}
