import { ChartFrame, niceMax } from './chart-parts.js'

export type Point = { label: string; value: number; text: string }

const LEFT = 50, RIGHT = 20, TOP = 20, PLOT = 180, BOTTOM = 40, STEP = 52

/** A line over the points in order (the quarters), each point marked and its value written above it. */
export function LineChart(props: { id: string; title: string; desc: string; points: Point[]; yLabel: string }) {
  const n = props.points.length
  const width = LEFT + RIGHT + Math.max(1, n) * STEP
  const height = TOP + PLOT + BOTTOM
  const max = niceMax(Math.max(0, ...props.points.map((p) => p.value)))
  const x = (i: number) => LEFT + STEP / 2 + i * STEP
  const y = (v: number) => TOP + PLOT - (v / max) * PLOT
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max)
  return (
    <ChartFrame id={props.id} title={props.title} desc={props.desc} width={width} height={height}>
      {ticks.map((v) => (
        <g>
          <line x1={LEFT} x2={width - RIGHT} y1={y(v).toFixed(1)} y2={y(v).toFixed(1)} stroke="#ddd" />
          <text x={LEFT - 6} y={(y(v) + 4).toFixed(1)} text-anchor="end">{Number(v.toFixed(2))}</text>
        </g>
      ))}
      <text x={4} y={TOP - 8}>{props.yLabel}</text>
      {n > 0 && <polyline points={props.points.map((p, i) => `${x(i)},${y(p.value).toFixed(1)}`).join(' ')} fill="none" stroke="#0072B2" stroke-width={2} />}
      {props.points.map((p, i) => (
        <g data-point={i}>
          <circle cx={x(i)} cy={y(p.value).toFixed(1)} r={3.5} fill="#0072B2"><title>{`${p.label}: ${p.text}`}</title></circle>
          <text x={x(i)} y={(y(p.value) - 8).toFixed(1)} text-anchor="middle">{p.text}</text>
          <text x={x(i)} y={TOP + PLOT + 16} text-anchor="middle">{p.label.slice(0, 4)}</text>
          <text x={x(i)} y={TOP + PLOT + 30} text-anchor="middle">{p.label.slice(4)}</text>
        </g>
      ))}
    </ChartFrame>
  )
}
