// The item section (question, premise, options) of the review panel folds to its heading, so a
// long BioNLI premise never keeps the two traces and the rating form apart. The heading becomes a
// disclosure button (aria-expanded, aria-controls: Enter and Space toggle it); unfolded, the body
// scrolls on its own past a bounded height (media/review.css). Whether it is folded is the
// annotator's choice, reported through `onToggle` so the host keeps it per user.

let bodies = 0;

/**
 * Turns a rendered `section` (an `<h2>` heading, then its content) into a foldable one. The content
 * moves into a body element that is hidden while folded; the heading's text becomes the button's.
 */
export function makeFoldable(section: HTMLElement, collapsed: boolean, onToggle: (collapsed: boolean) => void): HTMLElement {
  const doc = section.ownerDocument;
  const heading = section.querySelector(':scope > h2');
  if (!heading) return section;
  const body = doc.createElement('div');
  body.className = 'fold-body';
  body.id = `fold-body-${++bodies}`;
  // Focusable, so the keyboard scrolls a long premise too.
  body.tabIndex = 0;
  body.append(...[...section.childNodes].filter((n) => n !== heading));
  const toggle = doc.createElement('button');
  toggle.type = 'button';
  toggle.className = 'fold-toggle';
  toggle.dataset.testid = 'item-fold';
  toggle.setAttribute('aria-controls', body.id);
  toggle.textContent = heading.textContent;
  heading.replaceChildren(toggle);
  const apply = (folded: boolean): void => {
    toggle.setAttribute('aria-expanded', String(!folded));
    body.hidden = folded;
    section.classList.toggle('is-folded', folded);
  };
  toggle.addEventListener('click', () => {
    const folded = toggle.getAttribute('aria-expanded') === 'true';
    apply(folded);
    onToggle(folded);
  });
  apply(collapsed);
  section.removeAttribute('tabindex');
  section.classList.add('foldable');
  section.append(body);
  return section;
}
