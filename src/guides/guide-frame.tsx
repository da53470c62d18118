import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'
import type { GuideVisit } from './guide-visit.js'

/**
 * Every guide page's frame: the page's own content, then its QR code (SVG / PNG for print), the
 * star rating, and links to download the guide and to register for update notices.
 * (Skeleton: the parts below the content are filled in by the QR code and rating work.)
 */
export function GuideFrame(props: { c: Ctx; visit: GuideVisit; children: Child }) {
  return <div class="guide">{props.children}</div>
}
