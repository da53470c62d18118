/**
 * What the report's charts share. Each chart is an `<svg role="img">` drawn on the server, named by
 * its `<title>` and summed up by its `<desc>`; the figures themselves are in the table beside it, so
 * nothing is said only by colour or only by the picture. No script, no CSS needed: colours are SVG
 * attributes, so the chart prints as it shows.
 */

/** Okabe–Ito: told apart by people with any common colour-vision deficiency, and in greyscale by order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999', '#7F3C8D'] as const
export const colour = (i: number): string => PALETTE[i % PALETTE.length]!

export const FONT = { 'font-family': 'sans-serif', 'font-size': 12 } as const

/** The accessible frame of every chart. */
export function ChartFrame(props: { id: string; title: string; desc: string; width: number; height: number; children: unknown }) {
  const { id, width, height } = props
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height}
      role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart={id} {...FONT}>
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.desc}</desc>
      {props.children as never}
    </svg>
  )
}

/** A round upper bound for an axis: 1, 2, 5 × 10ⁿ at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p
  return 10 * p
}

/** A label cut to `max` characters, with an ellipsis; the full text stays in the table. */
export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
