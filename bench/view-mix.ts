// A different JobsView query per request (issue 12): what a fleet of clients sends. A fixed mix,
// cycled by a counter so that every run sends the same sequence: `contains` on text, ranges on
// numbers and dates, several sort keys. Every query is distinct for the first 10,000 requests.

const LETTERS = 'abcdefghilmnoprstu';
const SORTS = [
  'due_date desc,id2',
  'id2',
  'name',
  'date_create desc',
  'modified_dateutc desc,id2',
  'job_priority_name,id2',
];

const enc = (query: string) => query.replace(/ /g, '%20').replace(/'/g, '%27').replace(/,/g, '%2C');

/** The n-th query of the mix, as a path. */
export function variedViewPath(n: number): string {
  const kind = n % 4;
  const k = Math.floor(n / 4);
  const sort = SORTS[k % SORTS.length] as string;
  let filter: string;
  if (kind === 0) {
    const a = LETTERS[k % LETTERS.length] as string;
    const b = LETTERS[Math.floor(k / LETTERS.length) % LETTERS.length] as string;
    filter = `contains(name,'${a}${b}')`;
  } else if (kind === 1) {
    const from = (k * 37) % 100_000;
    filter = `id2 ge ${from} and id2 lt ${from + 500 + (k % 5000)}`;
  } else if (kind === 2) {
    const day = new Date(Date.UTC(2023, 0, 1) + (k % 1500) * 86_400_000).toISOString().slice(0, 10);
    filter = `due_date ge ${day}T00:00:00Z and job_status_name ne 'Closed'`;
  } else {
    filter = `total_time_planned ge ${k % 600} and contains(company_name,'${LETTERS[k % LETTERS.length]}')`;
  }
  // The request's own number keeps every filter distinct however the mix above repeats.
  return `/api/JobsView?${enc(`$filter=${filter} and id2 ne ${n}&$orderby=${sort}&$top=20`)}`;
}
