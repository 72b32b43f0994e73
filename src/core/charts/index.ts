// SVG charts of the expert-evaluation statistics, rendered as markup strings in plain TypeScript
// (no DOM): the statistics webview parses them into the page, the export writes them to files.
export * from './svgMarkup';
export * from './theme';
export * from './frame';
export * from './barChart';
export * from './intervalChart';
export * from './heatmap';
export * from './dashboardData';
export * from './dashboardCharts';
export * from './loadDashboard';
export * from './exportFiles';
export * from './accuracyChart';
export * from './scoreCharts';
