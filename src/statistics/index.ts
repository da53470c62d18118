// What the statistics feature exports for other features: its SVG charts, for dashboards of their own.
export { BarChart, type Bar } from './charts/bar-chart.js'
export { StackedBarChart, type Stack } from './charts/stacked-bar-chart.js'
