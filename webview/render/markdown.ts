// Renders untrusted model output (traces, final responses) as Markdown into an inert DOM fragment.
// Two layers keep text as text: the Markdown renderer escapes raw HTML instead of passing it
// through and renders links and images as plain text with their target shown, and DOMPurify then
// keeps only a strict allow-list of formatting tags with no style, no URLs and no event handlers.
import { Marked, type Tokens } from 'marked';
import DOMPurify from 'dompurify';

/** Class of elements whose text the renderer added (a link's target): never highlighted. */
export const NOMAP_CLASS = 'md-nomap';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML inside a trace is shown as the text the model wrote.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    // The webview has no network and links would only be a phishing surface: show the text and,
    // separately, the target as text.
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      const target = token.href && token.href !== token.text ? ` <span class="${NOMAP_CLASS} md-href">(${escapeHtml(token.href)})</span>` : '';
      return `<span class="md-link">${inner}</span>${target}`;
    },
    image(token: Tokens.Image): string {
      return `<span class="md-image">${escapeHtml(token.text)}</span> <span class="${NOMAP_CLASS} md-href">(${escapeHtml(token.href)})</span>`;
    },
    // GFM task list items would become form inputs; keep the brackets as text.
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '[x] ' : '[ ] ';
    },
  },
});

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
];

const PURIFY_CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['class', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'img', 'a'],
  FORBID_ATTR: ['style', 'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href'],
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true as const,
};

/** Markdown → sanitized HTML string (exposed for tests and benchmarks). */
export function markdownToHtml(source: string): string {
  return markdown.parse(source, { async: false }) as string;
}

/** Markdown → sanitized, inert DOM fragment owned by the current document. */
export function renderMarkdown(source: string): DocumentFragment {
  return DOMPurify.sanitize(markdownToHtml(source), PURIFY_CONFIG);
}
