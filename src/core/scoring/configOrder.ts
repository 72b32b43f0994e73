// The order configurations are listed and compared in: docs/formats.md §6's names first, others
// after them by name. The table it reads has no dependencies: the statistics webview's charts use it too.
import { CONFIGURATION_NAMES } from '../pipeline/configurations';

const CONFIG_ORDER: readonly string[] = CONFIGURATION_NAMES;

export function compareConfigs(a: string, b: string): number {
  const ia = CONFIG_ORDER.indexOf(a);
  const ib = CONFIG_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || 0;
  return a < b ? -1 : a > b ? 1 : 0;
}
