// The statistics panel UI: key numbers, then each chart beside its table (the table is the chart's
// text equivalent), flag counts and notes. Charts are built by src/core/charts from the dashboard
// data the host sends, so they match the exported SVG files; colours come from the theme through
// media/stats.css. Everything shown from the data is set as text or parsed SVG, never as HTML.
import { buildDashboardCharts } from './charts';
import { isStatsHostToWebview, type ShowStatsMessage, type StatsHostToWebview, type StatsWebviewToHost } from '../../src/protocol/stats';
import type { DashboardChart, TextTable } from '../../src/core/charts/dashboardCharts';
import { button, el } from '../components';
import { WebviewApp, type VsCodeApi } from '../shared/app';
import { svgElementFrom } from './svgInsert';

export class StatsApp extends WebviewApp<StatsHostToWebview, StatsWebviewToHost> {
  constructor(root: HTMLElement, api: VsCodeApi, win: Window = window) {
    super(root, api, win, { isMessage: isStatsHostToWebview });
  }

  handle(message: StatsHostToWebview): void {
    this.useStrings(message.strings);
    if (message.type === 'showStats') this.render(message);
    else this.renderError(message.message);
  }

  private header(meta?: string, updated?: string): HTMLElement {
    const t = this.t;
    return el('header', { class: 'stats-header' },
      el('h1', {}, t('Statistics')),
      meta ? el('span', { class: 'stats-meta', 'data-testid': 'stats-meta' }, meta) : null,
      updated ? el('span', { class: 'stats-meta' }, updated) : null,
      button(t('Refresh'), { testId: 'stats-refresh', onClick: () => this.post({ type: 'refresh' }) }),
      button(t('Export…'), { appearance: 'primary', testId: 'stats-export', onClick: () => this.post({ type: 'export' }) }),
    );
  }

  private renderError(message: string): void {
    this.root.replaceChildren(
      this.header(),
      el('p', { class: 'stats-error', role: 'alert', 'data-testid': 'stats-error' }, this.t('Could not compute the statistics: {0}', message)),
    );
    this.root.setAttribute('aria-busy', 'false');
  }

  private render(message: ShowStatsMessage): void {
    const t = this.t;
    const { dashboard } = message;
    const stats = dashboard.stats;
    const name = stats.dataset ?? stats.datasets.join(', ');
    const meta = `${name} · ${t('{0} annotators, {1} items', stats.annotators.length, stats.items)}`;
    const updated = t('Updated {0}', new Date(message.computedAt).toLocaleTimeString());
    const { keyNumbers, charts, preferences } = buildDashboardCharts(dashboard, t);
    const body: Node[] = [this.header(meta, updated)];
    const ratings: Node[] = [];

    if (Object.keys(stats.dimensions).length === 0 || stats.items === 0) {
      ratings.push(el('p', { 'data-testid': 'stats-empty' }, t('No ratings yet.')));
    } else {
      ratings.push(el('section', { class: 'stats-section', 'data-testid': 'stats-key-numbers' }, renderTable(keyNumbers, 'key-numbers')));
    }
    for (const chart of charts.filter((c) => c.tab === undefined || c.tab === 'ratings')) ratings.push(renderChart(chart));
    if (Object.keys(stats.flags.byFlag).length === 0 && stats.items > 0) {
      ratings.push(el('p', { class: 'stats-notes', 'data-testid': 'stats-no-flags' }, t('No flags were set.')));
    }
    // Task accuracy and LLM judges against the physicians: a tab of their own when there are any.
    const scoreCharts = charts.filter((c) => c.tab === 'scores');
    const preferenceCharts = charts.filter((c) => c.tab === 'preferences');
    const panels: { id: string; label: string; content: Node[] }[] = [{ id: 'ratings', label: t('Ratings'), content: ratings }];
    if (scoreCharts.length > 0) panels.push({ id: 'scores', label: t('Scores'), content: scoreCharts.map(renderChart) });
    if (preferences) {
      // Blind pairwise judgements exist: their summary and charts (WAI-ARIA tabs pattern).
      panels.push({ id: 'preferences', label: t('Preferences'), content: [el('section', { class: 'stats-section', 'data-testid': 'stats-preference-summary' }, renderTable(preferences, 'preference-summary')), ...preferenceCharts.map(renderChart)] });
    }
    if (panels.length > 1) body.push(...tabs(panels));
    else body.push(...ratings);
    if (stats.notes.length > 0) {
      const list = el('ul', {}, ...stats.notes.map((n) => el('li', {}, `${n.at}: ${n.reason}`)));
      const details = el('details', { class: 'stats-notes', 'data-testid': 'stats-notes' }, el('summary', {}, `${t('Notes')} (${stats.notes.length})`), list);
      body.push(details);
    }
    this.root.replaceChildren(...body);
    this.root.setAttribute('aria-busy', 'false');
  }
}

function renderChart(chart: DashboardChart): HTMLElement {
  const headingId = `h-${chart.id}`;
  const svg = svgElementFrom(chart.svg);
  return el('section', { class: 'stats-section', 'aria-labelledby': headingId, 'data-chart': chart.id },
    el('h2', { id: headingId }, chart.title),
    el('figure', { class: 'stats-figure' },
      el('div', { class: 'stats-chart', 'data-testid': `chart-${chart.id}` }, svg ?? el('p', { class: 'stats-error' }, chart.description)),
      renderTable(chart.table, chart.id),
    ),
  );
}

/** A tab list and its panels; the first tab is selected; arrow keys, Home and End move between tabs. */
function tabs(list: { id: string; label: string; content: Node[] }[]): Node[] {
  const buttons = list.map((tab, i) =>
    el('button', {
      type: 'button', role: 'tab', id: `tab-${tab.id}`, 'aria-controls': `panel-${tab.id}`, 'aria-selected': i === 0 ? 'true' : 'false',
      tabindex: i === 0 ? '0' : '-1', class: 'stats-tab', 'data-testid': `stats-tab-${tab.id}`,
    }, tab.label),
  );
  const panels = list.map((tab, i) =>
    el('div', { role: 'tabpanel', id: `panel-${tab.id}`, 'aria-labelledby': `tab-${tab.id}`, 'data-testid': `stats-panel-${tab.id}`, hidden: i !== 0 }, ...tab.content),
  );
  const select = (k: number) => {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', i === k ? 'true' : 'false');
      b.setAttribute('tabindex', i === k ? '0' : '-1');
      panels[i].hidden = i !== k;
    });
    buttons[k].focus();
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(i));
    b.addEventListener('keydown', (e) => {
      const n = buttons.length;
      const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
      if (to < 0) return;
      e.preventDefault();
      select(to);
    });
  });
  return [el('div', { role: 'tablist', class: 'stats-tabs', 'data-testid': 'stats-tabs' }, ...buttons), ...panels];
}

/** A real table with caption and header cells: the accessible equivalent of a chart. */
function renderTable(table: TextTable, id: string): HTMLTableElement {
  const head = el('thead', {}, el('tr', {}, ...table.headers.map((h) => el('th', { scope: 'col' }, h))));
  const body = el('tbody', {}, ...table.rows.map((row) => el('tr', {}, ...row.map((cell, i) => (i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell))))));
  return el('table', { class: 'stats-table', 'data-testid': `table-${id}` }, el('caption', {}, table.caption), head, body);
}
