// Text typed by people: digits in any of the portal's scripts, as the API's ASCII.

const ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6];  // Arabic-Indic, Persian, Devanagari, Bengali

// "١٢٠٫٥" or "१२०.५" -> "120.5": the keyboard of a phone writes the reader's own digits.
export function asciiDigits(s: string): string {
  return s.replace(/[٠-٩۰-۹०-९০-৯]/g, (d) => {
    const code = d.charCodeAt(0);
    for (const zero of ZEROS) {
      if (code >= zero && code <= zero + 9) return String(code - zero);
    }
    return d;
  }).replace(/[٫]/g, '.').trim();
}
