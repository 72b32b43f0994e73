// Names of the MultiMed-X languages (and English) for prompts: the English name tells the model
// which language to write, the native name removes any doubt (e.g. Yoruba with its tone marks).

export interface LanguageName {
  english: string;
  native: string;
}

export const LANGUAGE_NAMES: Readonly<Record<string, LanguageName>> = {
  en: { english: 'English', native: 'English' },
  zh: { english: 'Chinese', native: '中文' },
  ja: { english: 'Japanese', native: '日本語' },
  ko: { english: 'Korean', native: '한국어' },
  sw: { english: 'Swahili', native: 'Kiswahili' },
  th: { english: 'Thai', native: 'ภาษาไทย' },
  yo: { english: 'Yoruba', native: 'Èdè Yorùbá' },
  zu: { english: 'Zulu', native: 'isiZulu' },
};

/** Known names, or the code itself for a language outside MultiMed-X (it still loads, with a warning). */
export function languageName(code: string): LanguageName {
  return LANGUAGE_NAMES[code] ?? { english: code, native: code };
}
