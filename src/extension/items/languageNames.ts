// Display names of a language code: its own name (日本語) and its English name (Japanese). The
// project's language table decides for the MultiMed-X languages; other codes (which load with a
// warning) are named from the ICU data built into Node and VS Code's Electron.
import { languageInfo } from '../../core/dataset/languages';

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
  const known = languageInfo(code);
  if (known) return { code: known.code, native: known.nativeName, english: known.englishName, dir: known.direction };
  const english = displayName('en', code) ?? code;
  const native = displayName(code, code) ?? english;
  return { code, native, english, dir: RTL.has(code) ? 'rtl' : 'ltr' };
}

/** "日本語 (Japanese)", or just "English" when both names are the same. */
export function languageLabel(code: string): string {
  const n = languageNames(code);
  return n.native === n.english ? n.english : `${n.native} (${n.english})`;
}
