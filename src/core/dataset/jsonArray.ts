// Splits a JSON array into its elements' source text, remembering the line each starts on, so a
// bad element is reported at its own line and the others still load.

export interface ArrayElement {
  /** 1-based line where the element starts. */
  line: number;
  text: string;
}

export interface SplitArray {
  elements: ArrayElement[];
  /** A structural problem (not an array, not closed); elements found before it are kept. */
  problem?: { line: number; message: string };
}

export function splitJsonArray(source: string): SplitArray {
  const elements: ArrayElement[] = [];
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const skipSpace = (): void => {
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
    }
  };
  skipSpace();
  if (source[i] !== '[') return { elements, problem: { line, message: 'expected a JSON array ("[")' } };
  i++;
  let depth = 0;
  let start = -1;
  let startLine = line;
  const close = (end: number): void => {
    if (start >= 0) elements.push({ line: startLine, text: source.slice(start, end) });
    start = -1;
  };
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (start < 0 && depth === 0 && c !== ',' && c !== ']') {
      start = i;
      startLine = line;
    }
    if (c === '"') {
      // Skip the string, honouring escapes; a raw newline inside it still counts as a line.
      for (i++; i < source.length && source[i] !== '"'; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') line++;
      }
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) {
        close(i);
        return trailingProblem(source, i + 1, line, elements);
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      if (start < 0) return { elements, problem: { line, message: 'empty array element' } };
      close(i);
    }
  }
  close(source.length);
  return { elements, problem: { line, message: 'the JSON array is not closed ("]" missing)' } };
}

function trailingProblem(source: string, from: number, line: number, elements: ArrayElement[]): SplitArray {
  const rest = source.slice(from);
  if (rest.trim() === '') return { elements };
  const before = rest.slice(0, rest.search(/\S/));
  return { elements, problem: { line: line + (before.match(/\n/g)?.length ?? 0), message: 'unexpected text after the JSON array' } };
}
