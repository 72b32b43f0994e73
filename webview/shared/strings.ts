// UI strings come from the host, keyed by their English text (the host localizes them with
// vscode.l10n). A missing key falls back to the English key itself. `{0}`… are placeholders.

export type Translate = (key: string, ...args: (string | number)[]) => string;

export function makeTranslate(strings: Record<string, unknown>): Translate {
  return (key, ...args) => {
    const value = strings[key];
    const template = typeof value === 'string' && value.length > 0 ? value : key;
    return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
  };
}
