/**
 * A small well-formedness check for the XML keikai generates (tests only): balanced tags, quoted
 * attributes, no stray `<` or `&` in text or attribute values, one root element. Throws on the
 * first problem. Not a general XML parser: no CDATA, comments, DTDs or processing instructions
 * beyond the declaration, which keikai never emits.
 */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  const entity = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/
  const stack: string[] = []
  let roots = 0
  for (const token of body.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      if (stack.length === 0 && token.trim()) throw new Error(`text outside the root: ${token.slice(0, 40)}`)
      if (entity.test(token)) throw new Error(`bare & in text: ${token.slice(0, 80)}`)
      continue
    }
    const close = /^<\/([\w:.-]+)\s*>$/.exec(token)
    if (close) {
      if (stack.pop() !== close[1]) throw new Error(`mismatched </${close[1]}>`)
      continue
    }
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>$/s.exec(token)
    if (!open) throw new Error(`malformed tag: ${token.slice(0, 80)}`)
    const [, name, attrs = '', selfClosing] = open
    if (entity.test(attrs)) throw new Error(`bare & in attributes of <${name}>`)
    const names = [...attrs.matchAll(/([\w:.-]+)\s*=\s*"[^"]*"/g)].map((m) => m[1])
    if (new Set(names).size !== names.length) throw new Error(`repeated attribute in <${name}>`)
    if (stack.length === 0) roots++
    if (!selfClosing) stack.push(name!)
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`)
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`)
}
