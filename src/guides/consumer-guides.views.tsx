import type { Ctx } from '../platform/http/context.js'

/** A consumer guide's body, as its page and its downloadable leaflet show it. (Skeleton: filled in by the consumer-guides work.) */
export function ConsumerGuideBody(props: { c: Ctx; guide: 'choosing' | 'using' }) {
  return <section class="guide-document">{props.c.var.t(`guides.${props.guide}.title`)}</section>
}
