/**
 * Small line pictures for the consumer guides' points, drawn here (no image files, nothing
 * fetched). They are decoration: hidden from screen readers, the text beside them says it all.
 */
const PATHS = {
  update: <><path d="M38 24a14 14 0 0 1-24.6 9.1" /><path d="M10 24a14 14 0 0 1 24.6-9.1" /><path d="M35 7v8h-8" /><path d="M13 41v-8h8" /></>,
  website: <><rect x="5" y="8" width="38" height="32" rx="3" /><path d="M5 16h38" /><path d="M24 21l7 3v5c0 4-3 7-7 8-4-1-7-4-7-8v-5z" /></>,
  contact: <><path d="M7 9h34v22H23l-9 8v-8H7z" /><path d="M14 17h20M14 23h13" /></>,
  policy: <><path d="M11 5h19l8 8v30H11z" /><path d="M30 5v8h8" /><path d="M17 21h15M17 27h15M17 33h9" /></>,
  settings: <><path d="M7 13h34M7 24h34M7 35h34" /><circle cx="17" cy="13" r="4" fill="#fff" /><circle cx="31" cy="24" r="4" fill="#fff" /><circle cx="21" cy="35" r="4" fill="#fff" /></>,
  calendar: <><rect x="6" y="9" width="36" height="32" rx="3" /><path d="M6 17h36M16 5v8M32 5v8" /><path d="M17 29l5 5 9-9" /></>,
  calendarEnd: <><rect x="6" y="9" width="36" height="32" rx="3" /><path d="M6 17h36M16 5v8M32 5v8" /><path d="M19 24l10 10M29 24L19 34" /></>,
  reset: <><path d="M13 17a14 14 0 1 1-3 11" /><path d="M11 7v10h10" /></>,
  key: <><circle cx="15" cy="24" r="8" /><path d="M23 24h20M37 24v7M42 24v5" /></>,
  toggle: <><rect x="5" y="15" width="38" height="18" rx="9" /><circle cx="34" cy="24" r="5.5" fill="currentColor" /></>,
  bell: <><path d="M13 33V21a11 11 0 0 1 22 0v12l4 4H9z" /><path d="M20 41a4 4 0 0 0 8 0" /></>,
  bin: <><path d="M9 12h30M19 12V7h10v5M13 12l2 29h18l2-29" /><path d="M21 19v15M27 19v15" /></>,
  question: <><circle cx="24" cy="24" r="18" /><path d="M19 19a5 5 0 1 1 7 4.6c-1.4.6-2 1.6-2 3V29" /><circle cx="24" cy="35" r="1.5" fill="currentColor" /></>,
  statement: <><path d="M11 5h19l8 8v30H11z" /><path d="M30 5v8h8" /><path d="M17 28l5 5 10-11" /></>,
} as const

export type GuideIconName = keyof typeof PATHS

export function GuideIcon(props: { name: GuideIconName }) {
  return (
    <svg class="guide-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">
      {PATHS[props.name]}
    </svg>
  )
}
