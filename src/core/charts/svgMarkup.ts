// A tiny builder for SVG markup strings. Every text and attribute value goes through escapeXml,
// because chart labels come from annotation files (annotator ids, flag names, languages) and must
// stay text wherever the markup ends up: a webview (parsed with DOMParser) or an exported .svg file.

export type AttrValue = string | number | undefined | null | false;
export type Attrs = Record<string, AttrValue>;

/** Escapes the five XML special characters; also drops control characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Attribute names are our own code's, never data; refuse anything that is not a plain name. */
function attrName(name: string): string {
  if (!/^[A-Za-z_][\w:.-]*$/.test(name)) throw new Error(`bad attribute name: ${name}`);
  return name;
}

/** Coordinates with at most two decimals keep the files small and diffs stable. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0';
  return String(Math.round(value * 100) / 100);
}

function renderAttrs(attrs: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    out += ` ${attrName(name)}="${escapeXml(typeof value === 'number' ? num(value) : value)}"`;
  }
  return out;
}

/** An element with already-rendered children (markup from `tag`/`text`) or none. */
export function tag(name: string, attrs: Attrs = {}, ...children: string[]): string {
  const open = `<${attrName(name)}${renderAttrs(attrs)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}

/** An element whose only content is text (escaped). */
export function text(name: string, attrs: Attrs, content: string): string {
  return `<${attrName(name)}${renderAttrs(attrs)}>${escapeXml(content)}</${name}>`;
}

/** Axis and legend labels are cut to fit (whole code points); the full text stays in titles and tables. */
export function shorten(label: string, max = 16): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}
