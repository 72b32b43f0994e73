// The webview's component layer: every control the UI shows is made here. Controls come from
// the toolkit (see ./toolkit.ts) or plain elements styled with VS Code's theme variables; callers
// only see these functions. All text is set as text, never as HTML.
import { registerToolkit, TAGS, type CheckedElement, type ValueElement } from './toolkit';

export { registerToolkit as registerComponents };

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export interface ButtonOptions {
  appearance?: 'primary' | 'secondary' | 'icon';
  ariaLabel?: string;
  title?: string;
  testId?: string;
  onClick: () => void;
}

export function button(label: string, options: ButtonOptions): HTMLElement {
  const b = el(TAGS.button, {
    appearance: options.appearance ?? 'secondary',
    'aria-label': options.ariaLabel ?? label,
    title: options.title,
    'data-testid': options.testId,
  }, label);
  b.addEventListener('click', () => options.onClick());
  return b;
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void, title?: string): CheckedElement {
  const c = el(TAGS.checkbox, { title }, label) as CheckedElement;
  c.checked = checked;
  c.addEventListener('change', () => onChange(c.checked));
  return c;
}

export interface Choice {
  value: string;
  label: string;
  testId?: string;
}

/**
 * A labelled set of mutually exclusive options as a compact segmented control (role radiogroup,
 * one tab stop, Left/Right move and select). Plain buttons, not toolkit radios: a trace can have
 * dozens of concept judgements and toolkit elements cost far more to create (see bench/render.ts).
 */
export function choiceGroup(
  label: string,
  choices: Choice[],
  value: string | null,
  onChange: (value: string) => void,
): HTMLElement {
  const group = el('div', { class: 'choice-group', role: 'radiogroup', 'aria-label': label });
  const buttons = choices.map((c) =>
    el('button', { type: 'button', role: 'radio', class: 'choice', 'data-value': c.value, 'data-testid': c.testId }, c.label));
  const select = (v: string | null, focus: boolean): void => {
    const current = buttons.findIndex((b) => b.dataset.value === v);
    buttons.forEach((b, i) => {
      b.setAttribute('aria-checked', String(i === current));
      b.tabIndex = i === (current < 0 ? 0 : current) ? 0 : -1;
    });
    if (focus && current >= 0) buttons[current].focus();
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => {
      select(b.dataset.value!, false);
      onChange(b.dataset.value!);
    });
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
      if (step === 0) return;
      e.preventDefault();
      e.stopPropagation();
      const next = buttons[(i + step + buttons.length) % buttons.length];
      select(next.dataset.value!, true);
      onChange(next.dataset.value!);
    });
  });
  select(value, false);
  group.append(...buttons);
  return group;
}

export interface TextAreaOptions {
  label: string;
  value: string;
  placeholder?: string;
  testId?: string;
  rows?: number;
  onInput: (value: string) => void;
}

export function textArea(options: TextAreaOptions): ValueElement {
  const area = el(TAGS.textArea, {
    'aria-label': options.label,
    placeholder: options.placeholder,
    'data-testid': options.testId,
    rows: options.rows ?? 3,
    resize: 'vertical',
  }) as ValueElement;
  area.value = options.value;
  area.addEventListener('input', () => options.onInput(area.value));
  return area;
}

/** The current value of a text area made by textArea(). */
export function textAreaValue(area: ValueElement): string {
  return area.value ?? '';
}

/** A small label (language, task, source). Plain element: see toolkit.ts on vscode-tag. */
export function tag(text: string, attrs: Attrs = {}): HTMLElement {
  return el('span', { ...attrs, class: `tag ${attrs.class ?? ''}`.trim() }, text);
}

export function divider(): HTMLElement {
  return el(TAGS.divider, { role: 'separator' });
}

/** A section that can be folded; native <details> keeps keyboard and screen-reader support. */
export function collapsible(summary: string, content: Node, open: boolean, attrs: Attrs = {}): HTMLDetailsElement {
  const details = el('details', { ...attrs, class: `collapsible ${attrs.class ?? ''}`.trim() }, el('summary', {}, summary), content);
  details.open = open;
  return details;
}

/** A section with a heading, used for every block of the item view. */
export function section(title: string, attrs: Attrs, ...children: Child[]): HTMLElement {
  const id = `h-${Math.random().toString(36).slice(2, 10)}`;
  return el('section', { ...attrs, 'aria-labelledby': id }, el('h2', { id }, title), ...children);
}

export interface RatingScaleOptions {
  dimension: string;
  label: string;
  description: string;
  min: number;
  max: number;
  /** Meaning of each value ("1".."5"). */
  levels: Record<string, string>;
  value: number | null | undefined;
  notAssessableLabel: string;
  onRate: (value: number | null) => void;
}

/**
 * A rubric dimension as a segmented scale: one tab stop for the whole dimension (so Tab and
 * Arrow keys move between dimensions), each value a radio with its meaning as accessible name.
 */
export function ratingScale(o: RatingScaleOptions): RatingScaleElement {
  const labelId = `dim-${o.dimension}-label`;
  const meaningId = `dim-${o.dimension}-meaning`;
  const group = el('div', {
    class: 'rating-scale',
    role: 'radiogroup',
    tabindex: 0,
    'aria-labelledby': labelId,
    'aria-describedby': meaningId,
    'data-dimension': o.dimension,
  });
  const buttons: HTMLElement[] = [];
  const values: (number | null)[] = [];
  for (let v = o.min; v <= o.max; v++) values.push(v);
  values.push(null);
  for (const v of values) {
    const meaning = v === null ? o.notAssessableLabel : (o.levels[String(v)] ?? '');
    const text = v === null ? o.notAssessableLabel : String(v);
    const b = el('button', {
      type: 'button',
      role: 'radio',
      tabindex: -1,
      class: v === null ? 'rating-value rating-na' : 'rating-value',
      'data-value': v === null ? 'na' : v,
      'data-testid': `rate-${o.dimension}-${v === null ? 'na' : v}`,
      'aria-label': v === null ? meaning : `${v}: ${meaning}`,
      title: meaning,
    }, text);
    b.addEventListener('click', () => o.onRate(v));
    buttons.push(b);
  }
  group.append(...buttons);
  const meaningLine = el('div', { class: 'rating-meaning', id: meaningId, 'aria-live': 'polite' });
  const wrapper = el(
    'div',
    { class: 'rating-dimension', 'data-dimension': o.dimension },
    el('div', { class: 'rating-label', id: labelId }, o.label),
    el('div', { class: 'rating-description' }, o.description),
    group,
    meaningLine,
    el('ul', { class: 'rating-levels' }, ...values.filter((v) => v !== null).map((v) =>
      el('li', {}, el('span', { class: 'rating-level-value' }, String(v)), ' ', o.levels[String(v)] ?? ''))),
  );
  const show = (value: number | null | undefined): void => {
    for (const b of buttons) {
      const bv = b.dataset.value === 'na' ? null : Number(b.dataset.value);
      b.setAttribute('aria-checked', String(value !== undefined && bv === value));
    }
    meaningLine.textContent =
      value === undefined ? '' : value === null ? o.notAssessableLabel : `${value}: ${o.levels[String(value)] ?? ''}`;
  };
  show(o.value);
  const scale = wrapper as unknown as RatingScaleElement;
  scale.setValue = show;
  return scale;
}

export interface RatingScaleElement extends HTMLElement {
  setValue(value: number | null | undefined): void;
}

export interface ChoiceScaleOption {
  value: string;
  /** What the button shows (short). */
  text: string;
  /** Its accessible name and tooltip (the full sentence, with its key). */
  label: string;
  testId: string;
}

export interface ChoiceScaleOptions {
  dimension: string;
  label: string;
  description: string;
  options: ChoiceScaleOption[];
  value: string | undefined;
  onChoose: (value: string) => void;
}

/**
 * A rubric dimension answered by one of a few named options (a blind comparison's "1 is better",
 * "tie"…): the same one-tab-stop radio group as ratingScale (class `rating-scale`, so focus,
 * Tab and the arrow keys behave alike), each option a radio with its full meaning as name.
 */
export function choiceScale(o: ChoiceScaleOptions): ChoiceScaleElement {
  const labelId = `pref-${o.dimension}-label`;
  const meaningId = `pref-${o.dimension}-meaning`;
  const group = el('div', {
    class: 'rating-scale choice-scale',
    role: 'radiogroup',
    tabindex: 0,
    'aria-labelledby': labelId,
    'aria-describedby': meaningId,
    'data-dimension': o.dimension,
  });
  const buttons = o.options.map((option) => {
    const b = el('button', {
      type: 'button',
      role: 'radio',
      tabindex: -1,
      class: 'rating-value choice-value',
      'data-value': option.value,
      'data-testid': option.testId,
      'aria-label': option.label,
      title: option.label,
    }, option.text);
    b.addEventListener('click', () => o.onChoose(option.value));
    return b;
  });
  group.append(...buttons);
  const meaningLine = el('div', { class: 'rating-meaning', id: meaningId, 'aria-live': 'polite' });
  const wrapper = el('div', { class: 'rating-dimension', 'data-dimension': o.dimension },
    el('div', { class: 'rating-label', id: labelId }, o.label),
    el('div', { class: 'rating-description' }, o.description),
    group,
    meaningLine,
  );
  const show = (value: string | undefined): void => {
    for (const b of buttons) b.setAttribute('aria-checked', String(b.dataset.value === value));
    meaningLine.textContent = o.options.find((option) => option.value === value)?.label ?? '';
  };
  show(o.value);
  const scale = wrapper as unknown as ChoiceScaleElement;
  scale.setValue = show;
  return scale;
}

export interface ChoiceScaleElement extends HTMLElement {
  setValue(value: string | undefined): void;
}
