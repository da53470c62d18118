import { describe, expect, it } from 'vitest'
import { labelTableCells } from './table-labels.js'

describe('table cells labelled with their column', () => {
  it('gives each body cell its header text', () => {
    const html = '<table><thead><tr><th>番号</th><th><a href="?sort=t">タイトル &amp; 概要</a></th></tr></thead><tbody><tr><td>1</td><td class="x">A</td></tr><tr><td>2</td><td>B</td></tr></tbody></table>'
    expect(labelTableCells(html)).toBe('<table><thead><tr><th>番号</th><th><a href="?sort=t">タイトル &amp; 概要</a></th></tr></thead><tbody>'
      + '<tr><td data-label="番号">1</td><td class="x" data-label="タイトル &amp; 概要">A</td></tr><tr><td data-label="番号">2</td><td data-label="タイトル &amp; 概要">B</td></tr></tbody></table>')
  })

  it('counts spanned columns, keeps labels a view set, labels row headers too', () => {
    const html = '<table><thead><tr><th colspan="2">期間</th><th>件数</th></tr></thead><tbody><tr><th>4月</th><td>1日</td><td data-label="">3</td></tr><tr><td colspan="2">合計</td><td>9</td></tr></tbody></table>'
    const out = labelTableCells(html)
    expect(out).toContain('<th data-label="期間">4月</th><td data-label="期間">1日</td><td data-label="">3</td>')
    expect(out).toContain('<td colspan="2" data-label="期間">合計</td><td data-label="件数">9</td>')
  })

  it('labels a table inside a cell from its own header and leaves tables without a header alone', () => {
    const html = '<table><thead><tr><th>外</th></tr></thead><tbody><tr><td><table><thead><tr><th>内</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table><table><tr><th>項目</th><td>値</td></tr></table>'
    expect(labelTableCells(html)).toBe('<table><thead><tr><th>外</th></tr></thead><tbody><tr><td data-label="外"><table><thead><tr><th>内</th></tr></thead><tbody><tr><td data-label="内">x</td></tr></tbody></table></td></tr></tbody></table><table><tr><th>項目</th><td>値</td></tr></table>')
  })
})
