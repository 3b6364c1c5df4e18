/** How reports write dates and labels inside sentences. */

/** "2026-11-30" → "30 November 2026"; empty for none. */
export const longDate = (iso: string | null | undefined) =>
  iso
    ? new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${iso}T00:00:00Z`))
    : '';

/** "Written statement of action (WSoA)" inside a sentence; "SEND strategic plan" stays. */
export const inSentence = (label: string) =>
  /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
