// The small shape checks every protocol guard is built from (messages.ts, adjudication.ts,
// stats.ts, envelope.ts): one definition, so the host and the webview check alike.
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
export const isStringMap = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every(isString);
