// Typed messages between the extension host and the statistics webview (`medco.statistics`).
// Both sides check what they receive with the guards below and ignore anything malformed.
import type { StatsDashboard } from '../core/charts/dashboardData';
import type { ReadyMessage } from './envelope';
import { isObject, isStringMap } from './guards';

// ---------------------------------------------------------------- host → webview

export interface ShowStatsMessage {
  type: 'showStats';
  dashboard: StatsDashboard;
  /** Localized UI strings, keyed by their English text. */
  strings: Record<string, string>;
  /** ISO time the statistics were computed. */
  computedAt: string;
}

export interface StatsErrorMessage {
  type: 'statsError';
  message: string;
  strings: Record<string, string>;
}

export type StatsHostToWebview = ShowStatsMessage | StatsErrorMessage;

// ---------------------------------------------------------------- webview → host

export interface StatsRefreshMessage {
  type: 'refresh';
}

export interface StatsExportMessage {
  type: 'export';
}

export type StatsWebviewToHost = ReadyMessage | StatsRefreshMessage | StatsExportMessage;

// ---------------------------------------------------------------- guards

function isDashboard(v: unknown): v is StatsDashboard {
  if (!isObject(v) || !isObject(v.stats) || !isObject(v.distributions) || !isObject(v.alphaByLanguage)) return false;
  if (v.dimensionLabels !== undefined && !isStringMap(v.dimensionLabels)) return false;
  if (v.scores !== undefined && !(isObject(v.scores) && Array.isArray(v.scores.results) && Array.isArray(v.scores.rounds))) return false;
  const s = v.stats;
  return isObject(s.dimensions) && Array.isArray(s.annotators) && Array.isArray(s.annotatorSummary) && isObject(s.flags) && Array.isArray(s.notes);
}

export function isStatsHostToWebview(v: unknown): v is StatsHostToWebview {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'showStats':
      return isDashboard(v.dashboard) && isStringMap(v.strings) && typeof v.computedAt === 'string';
    case 'statsError':
      return typeof v.message === 'string' && isStringMap(v.strings);
    default:
      return false;
  }
}

export function isStatsWebviewToHost(v: unknown): v is StatsWebviewToHost {
  return isObject(v) && (v.type === 'ready' || v.type === 'refresh' || v.type === 'export');
}
