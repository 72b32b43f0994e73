// Text that comes from files or arguments (item ids, annotator ids, comments, paths, problem
// messages) and is printed for a person must stay text: an escape sequence in an item id could
// clear the screen, rewrite earlier lines or set the window title. Every command's human-readable
// output and every error message goes through one of these two functions; `--json` output does
// not (JSON.stringify already escapes control characters, and scripts need the exact value).

// C0 controls, DEL, C1 controls (U+009B is a one-character CSI on some terminals), and the
// bidirectional embeddings, overrides and isolates that can reorder what is shown. Matching
// control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROLS_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ALL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A message or a block of output: control characters shown as `\u001b`, line breaks and tabs kept. */
export function forTerminal(text: string): string {
  return text.replace(CONTROLS_EXCEPT_LINES, visible);
}

/** One value (a table cell, an id in a sentence): every control character, line breaks too, escaped. */
export function escapeControl(text: string): string {
  return text.replace(ALL_CONTROLS, visible);
}
