// The languages of MultiMed-X (plus English, the pivot language of co-reasoning): the one table of
// language names, scripts and directions, used by the dataset loader, the prompts, the items tree
// and both webviews. Other codes (which load with a warning) are named from the ICU data built
// into Node, VS Code's Electron and the webview (Intl.DisplayNames). Pure: no Node APIs.

export interface LanguageInfo {
  /** Canonical code (ISO 639-1). */
  code: string;
  englishName: string;
  /** The language's name in itself, for pickers and headers. */
  nativeName: string;
  /** ISO 15924 script code. */
  script: string;
  direction: 'ltr' | 'rtl';
}

const TABLE: readonly LanguageInfo[] = [
  { code: 'en', englishName: 'English', nativeName: 'English', script: 'Latn', direction: 'ltr' },
  { code: 'zh', englishName: 'Chinese', nativeName: '中文', script: 'Hans', direction: 'ltr' },
  { code: 'ja', englishName: 'Japanese', nativeName: '日本語', script: 'Jpan', direction: 'ltr' },
  { code: 'ko', englishName: 'Korean', nativeName: '한국어', script: 'Kore', direction: 'ltr' },
  { code: 'sw', englishName: 'Swahili', nativeName: 'Kiswahili', script: 'Latn', direction: 'ltr' },
  { code: 'th', englishName: 'Thai', nativeName: 'ไทย', script: 'Thai', direction: 'ltr' },
  { code: 'yo', englishName: 'Yoruba', nativeName: 'Èdè Yorùbá', script: 'Latn', direction: 'ltr' },
  { code: 'zu', englishName: 'Zulu', nativeName: 'isiZulu', script: 'Latn', direction: 'ltr' },
];

/** The seven MultiMed-X languages, in the benchmark's order. */
export const MULTIMEDX_LANGUAGES: readonly string[] = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];

// The published MultiMed-X spreadsheets label Japanese `jp` (a country code, not a language code).
const ALIASES: Readonly<Record<string, string>> = { jp: 'ja' };

const BY_CODE = new Map(TABLE.map((l) => [l.code, l]));

/** The canonical code for `code` (case-insensitive, aliases resolved), or undefined if unknown. */
export function canonicalLanguage(code: string): string | undefined {
  const lower = code.trim().toLowerCase();
  // The table's own string, so that 100k items share one copy of "ja".
  return BY_CODE.get(ALIASES[lower] ?? lower)?.code;
}

/** Table entry of a known language (aliases accepted), or undefined. */
export function languageInfo(code: string): LanguageInfo | undefined {
  const canonical = canonicalLanguage(code);
  return canonical === undefined ? undefined : BY_CODE.get(canonical);
}

export function allLanguages(): readonly LanguageInfo[] {
  return TABLE;
}

/** Names and direction of a language, for headers, pickers and prompts. */
export interface LanguageNames {
  code: string;
  /** Its own name (日本語), for readers of that language. */
  native: string;
  /** Its English name (Japanese), for prompts and for everyone else. */
  english: string;
  dir: 'ltr' | 'rtl';
}

// Right-to-left languages, for codes outside the table (Intl has no direction API everywhere).
const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);

function displayName(locale: string, code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined; // not a well-formed BCP 47 code: the caller falls back to the code itself
  }
}

/** The table's names for a known code (aliases accepted); else Intl's names; else the code itself. */
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

let codesByEnglishName: Map<string, string> | undefined;

/**
 * The two-letter code of a language named in English (`Japanese` → `ja`, as MMedBench names its
 * files), from Intl's names of every two-letter code; undefined for anything else.
 */
export function languageCodeForName(name: string): string | undefined {
  if (codesByEnglishName === undefined) {
    codesByEnglishName = new Map();
    const a = 'abcdefghijklmnopqrstuvwxyz';
    for (const x of a) for (const y of a) {
      const english = displayName('en', x + y);
      if (english !== undefined && !codesByEnglishName.has(english.toLowerCase())) codesByEnglishName.set(english.toLowerCase(), x + y);
    }
    for (const l of TABLE) codesByEnglishName.set(l.englishName.toLowerCase(), l.code);
  }
  return codesByEnglishName.get(name.trim().toLowerCase());
}

/** A code of the table (aliases accepted) or any two-letter code Intl can name (`de`, `fr`). */
function languageCodeFromPart(part: string): string | undefined {
  const lower = part.toLowerCase();
  if (canonicalLanguage(lower) !== undefined) return lower;
  return /^[a-z]{2}$/.test(lower) && displayName('en', lower) !== undefined ? lower : undefined;
}

/**
 * The language a multiple-choice file's path names, for rows without a `lang`/`language` column:
 * the file name's last part (split at anything not a letter) that is a language code or an English
 * language name (`global_mmlu_ja.csv`, `Japanese.jsonl`), else the folder's name when it is one
 * (Hugging Face exports: `ja/test-00000-of-00001.parquet`). Undefined when neither names one.
 */
export function languageFromFileName(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const base = parts[parts.length - 1].replace(/\.[^.]*$/, '');
  const words = base.split(/[^\p{L}]+/u).filter(Boolean).reverse();
  for (const w of words) {
    const code = languageCodeFromPart(w) ?? languageCodeForName(w);
    if (code !== undefined) return code;
  }
  const folder = parts.length > 1 ? parts[parts.length - 2] : '';
  return folder === '' ? undefined : languageCodeFromPart(folder) ?? languageCodeForName(folder);
}
