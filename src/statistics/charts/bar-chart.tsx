import { ChartFrame, clip, colour, niceMax } from './chart-parts.js'

export type Bar = { label: string; value: number; text: string }

const LABEL = 230, BAR = 300, VALUE = 90, ROW = 22, TOP = 8

/** Horizontal bars, one per category, each with its value written after it. */
export function BarChart(props: { id: string; title: string; desc: string; bars: Bar[] }) {
  const max = niceMax(Math.max(0, ...props.bars.map((b) => b.value)))
  const width = LABEL + BAR + VALUE
  const height = TOP * 2 + ROW * props.bars.length
  return (
    <ChartFrame id={props.id} title={props.title} desc={props.desc} width={width} height={height}>
      {props.bars.map((b, i) => {
        const y = TOP + i * ROW
        const w = Math.round((b.value / max) * BAR * 10) / 10
        return (
          <g data-bar={i}>
            <text x={LABEL - 6} y={y + 15} text-anchor="end">{clip(b.label, 19)}</text>
            <rect x={LABEL} y={y + 3} width={w} height={ROW - 6} fill={colour(0)}><title>{`${b.label}: ${b.text}`}</title></rect>
            <text x={LABEL + w + 4} y={y + 15}>{b.text}</text>
          </g>
        )
      })}
      <line x1={LABEL} y1={TOP} x2={LABEL} y2={height - TOP} stroke="#333" />
    </ChartFrame>
  )
}
