// Display names of a language code: its own name (日本語) and its English name (Japanese), from
// the ICU data built into Node and VS Code's Electron, so no table goes out of date.

export interface LanguageNames {
  code: string;
  native: string;
  english: string;
  dir: 'ltr' | 'rtl';
}

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);

function displayName(locale: string, code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined; // not a well-formed BCP 47 code: the caller falls back to the code itself
  }
}

export function languageNames(code: string): LanguageNames {
  const english = displayName('en', code) ?? code;
  const native = displayName(code, code) ?? english;
  return { code, native, english, dir: RTL.has(code) ? 'rtl' : 'ltr' };
}

/** "日本語 (Japanese)", or just "English" when both names are the same. */
export function languageLabel(code: string): string {
  const n = languageNames(code);
  return n.native === n.english ? n.english : `${n.native} (${n.english})`;
}
