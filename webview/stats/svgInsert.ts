// Puts chart markup (from src/core/charts) into the page as real SVG nodes: parsed as XML with
// DOMParser, imported into the document, never assigned through innerHTML. The chart builder
// already escapes every label; as a second line of defence anything executable is removed before
// the nodes are inserted (scripts, foreign HTML, event-handler and link attributes, inline styles
// our CSP would refuse anyway).

const DROP_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'a', 'use', 'image', 'animate', 'set', 'style']);
const DROP_ATTRIBUTES = /^(on|href$|xlink:href$|style$|src$)/i;

function scrub(root: Element): void {
  for (const node of Array.from(root.querySelectorAll('*'))) {
    if (DROP_ELEMENTS.has(node.localName.toLowerCase())) {
      node.remove();
      continue;
    }
    for (const name of node.getAttributeNames()) if (DROP_ATTRIBUTES.test(name)) node.removeAttribute(name);
  }
  for (const name of root.getAttributeNames()) if (DROP_ATTRIBUTES.test(name)) root.removeAttribute(name);
}

/** The chart as an SVG element of `doc`, or null when the markup is not a well-formed SVG. */
export function svgElementFrom(markup: string, doc: Document = document): SVGSVGElement | null {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  if (!root || root.localName !== 'svg' || root.namespaceURI !== 'http://www.w3.org/2000/svg' || parsed.getElementsByTagName('parsererror').length > 0) {
    return null;
  }
  scrub(root);
  return doc.importNode(root, true) as unknown as SVGSVGElement;
}
