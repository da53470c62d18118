import { ChartFrame, clip, colour } from './chart-parts.js'

export type Stack = { label: string; values: number[] }

const LABEL = 110, BAR = 480, ROW = 30, TOP = 8, LEGEND_ROW = 18, LEGEND_COLUMNS = 2

/**
 * Horizontal 100 % bars, one per stack (this quarter, cumulative …), each split into the series in
 * order; a segment wide enough carries its percentage, every segment its own tooltip title, and
 * the legend below names the series with their colours.
 */
export function StackedBarChart(props: { id: string; title: string; desc: string; series: string[]; stacks: Stack[] }) {
  const width = LABEL + BAR + 20
  const barsHeight = TOP + ROW * props.stacks.length
  const legendRows = Math.ceil(props.series.length / LEGEND_COLUMNS)
  const height = barsHeight + 10 + legendRows * LEGEND_ROW + TOP
  const columnWidth = (width - 10) / LEGEND_COLUMNS
  return (
    <ChartFrame id={props.id} title={props.title} desc={props.desc} width={width} height={height}>
      {props.stacks.map((s, i) => {
        const total = s.values.reduce((a, v) => a + v, 0)
        const y = TOP + i * ROW
        let x = LABEL
        return (
          <g data-stack={i}>
            <text x={LABEL - 6} y={y + 18} text-anchor="end">{clip(s.label, 9)}</text>
            {total === 0 && <rect x={LABEL} y={y + 4} width={BAR} height={ROW - 8} fill="none" stroke="#999" />}
            {total > 0 && s.values.map((v, k) => {
              const w = (v / total) * BAR
              const at = x
              x += w
              const percent = `${((v * 100) / total).toFixed(1)}%`
              return v === 0 ? null : (
                <g>
                  <rect x={at.toFixed(1)} y={y + 4} width={w.toFixed(1)} height={ROW - 8} fill={colour(k)} stroke="#fff" stroke-width={0.5}>
                    <title>{`${s.label} — ${props.series[k]}: ${v} (${percent})`}</title>
                  </rect>
                  {w >= 40 && <text x={(at + w / 2).toFixed(1)} y={y + 19} text-anchor="middle" fill={k === 1 || k === 4 || k === 6 ? '#000' : '#fff'}>{percent}</text>}
                </g>
              )
            })}
          </g>
        )
      })}
      {props.series.map((name, k) => {
        const cx = 10 + (k % LEGEND_COLUMNS) * columnWidth
        const cy = barsHeight + 10 + Math.floor(k / LEGEND_COLUMNS) * LEGEND_ROW
        return (
          <g data-legend={k}>
            <rect x={cx} y={cy} width={12} height={12} fill={colour(k)} />
            <text x={cx + 18} y={cy + 11}>{clip(name, 24)}</text>
          </g>
        )
      })}
    </ChartFrame>
  )
}
