// Chart colours follow the VS Code theme: shapes carry classes, and the classes are coloured with
// `--vscode-*` variables (dark, light and high-contrast themes set them). In the webview the rules
// come from media/stats.css; a standalone .svg file (export) embeds the same rules with explicit
// fallback colours, since no theme variables exist outside VS Code.

export interface ThemeColour {
  variable: string;
  /** Used where the variable is undefined: exported files, browsers. VS Code's default dark values. */
  fallback: string;
}

/** Series colours in order; score 1 … 5 of a scale and the languages use them in turn. */
export const SERIES_COLOURS: readonly ThemeColour[] = [
  { variable: '--vscode-charts-red', fallback: '#f14c4c' },
  { variable: '--vscode-charts-orange', fallback: '#d18616' },
  { variable: '--vscode-charts-yellow', fallback: '#cca700' },
  { variable: '--vscode-charts-green', fallback: '#89d185' },
  { variable: '--vscode-charts-blue', fallback: '#3794ff' },
  { variable: '--vscode-charts-purple', fallback: '#b180d7' },
];

export const FOREGROUND: ThemeColour = { variable: '--vscode-foreground', fallback: '#cccccc' };
export const BACKGROUND: ThemeColour = { variable: '--vscode-editor-background', fallback: '#1e1e1e' };
export const GRID: ThemeColour = { variable: '--vscode-editorWidget-border', fallback: '#454545' };
export const ACCENT: ThemeColour = { variable: '--vscode-charts-blue', fallback: '#3794ff' };

export function seriesClass(index: number): string {
  return `medco-series-${index % SERIES_COLOURS.length}`;
}

const css = (c: ThemeColour) => `var(${c.variable}, ${c.fallback})`;

/**
 * The chart style sheet. media/stats.css holds the same rules for the webview (a test keeps the
 * two in step); `standalone` adds the background an exported file needs to be readable.
 */
export function chartStyleRules(standalone: boolean): string {
  const rules = [
    `.medco-chart{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:11px}`,
    `.medco-chart text{fill:${css(FOREGROUND)}}`,
    `.medco-axis line,.medco-axis path,.medco-grid line{stroke:${css(GRID)};stroke-width:1}`,
    `.medco-zero{stroke:${css(FOREGROUND)};stroke-opacity:.6}`,
    `.medco-whisker{stroke:${css(FOREGROUND)};stroke-width:1.5}`,
    `.medco-point{fill:${css(ACCENT)};stroke:${css(FOREGROUND)};stroke-width:1}`,
    `.medco-cell{fill:${css(ACCENT)}}`,
    `.medco-cell-empty{fill:none;stroke:${css(GRID)};stroke-dasharray:3 2}`,
    `.medco-plot-area{fill:none}`,
    ...SERIES_COLOURS.map((c, i) => `.medco-series-${i}{fill:${css(c)}}`),
  ];
  if (standalone) rules.unshift(`.medco-background{fill:${css(BACKGROUND)}}`);
  return rules.join('\n');
}
