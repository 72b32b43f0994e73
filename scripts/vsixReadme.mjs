// The README as the VSIX carries it (vsce package --readme-path): the same text, with each image
// that the repository shows by relative path (docs/screenshot-*.png) inlined as a data: URI.
// Why: VS Code's extension page renders a packaged README in a webview whose sanitizer keeps only
// http(s) and data: image sources and whose CSP allows `img-src https: data:`, so a relative path
// never reaches the file inside the VSIX; an https URL would need a published repository branch
// (this package has no `repository`). The repository page keeps the relative paths of README.md.
// Run: node scripts/vsixReadme.mjs <out.md>   (npm run package does it)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** Markdown images `![alt](src "title")` outside fenced code: their relative sources. */
export const IMAGE = /!\[([^\]]*)\]\(\s*(?:<([^>]+)>|([^)\s]+))((?:\s+"[^"]*")?)\s*\)/g;

/**
 * README text with relative PNG/JPEG/GIF images inlined. `root` is where their paths start. Throws
 * (naming the image) for a missing file or another format, so packaging fails instead of shipping
 * a broken picture.
 */
export function inlineImages(markdown, root = ROOT) {
  const parts = markdown.split(/(^```[\s\S]*?^```)/m);
  return parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(IMAGE, (all, alt, angled, bare, title) => {
      const src = angled ?? bare;
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return all;
      const file = path.join(root, decodeURI(src));
      const mime = MIME[path.extname(file).toLowerCase()];
      if (!mime) throw new Error(`README.md: image ${src} is not a PNG, JPEG or GIF`);
      let bytes;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new Error(`README.md: image ${src} does not exist`);
      }
      return `![${alt}](data:${mime};base64,${bytes.toString('base64')}${title})`;
    })))
    .join('');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/vsixReadme.mjs <out.md>');
    process.exit(2);
  }
  try {
    const text = inlineImages(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, text);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
