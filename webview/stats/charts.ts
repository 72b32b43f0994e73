// The webview's use of the shared chart builder: theme-styled charts (no embedded style sheet,
// which the CSP would block; media/stats.css colours them) and the key-numbers table.
import { dashboardCharts, keyNumbersTable, preferenceSummary, type DashboardChart, type TextTable, type Translate } from '../../src/core/charts/dashboardCharts';
import type { StatsDashboard } from '../../src/core/charts/dashboardData';

export function buildDashboardCharts(dashboard: StatsDashboard, t: Translate): { keyNumbers: TextTable; charts: DashboardChart[]; preferences: TextTable | null } {
  return {
    keyNumbers: keyNumbersTable(dashboard, t),
    charts: dashboardCharts(dashboard, t, { standalone: false, idPrefix: 'panel' }),
    preferences: preferenceSummary(dashboard, t),
  };
}
