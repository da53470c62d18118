import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { documentedOperations } from '../platform/http/openapi-operation.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

describe('the OpenAPI document', () => {
  it('describes every operation with request schemas', async () => {
    const res = await t.app.request('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/api/v1/reports'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['productName', 'productVersion', 'description', 'finderName']))
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20)
  })

  it('lists only operations the app really serves, and every API route the app serves', async () => {
    const routes = t.app.routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json')
    const toRegex = (p: string) => new RegExp('^' + p.replace(/:\w+\{([^}]+)\}/g, '($1)').replace(/:\w+/g, '[^/]+') + '$')
    const concrete = (p: string) => p.replace(/\{\w+\}/g, 'X')
    for (const op of documentedOperations()) {
      const served = routes.some((r) => r.method === op.method.toUpperCase() && toRegex(r.path).test(concrete(op.path)))
      expect(served, `${op.method} ${op.path}`).toBe(true)
    }
    for (const r of routes) {
      const documented = documentedOperations().some((op) => op.method.toUpperCase() === r.method && toRegex(r.path).test(concrete(op.path)))
      expect(documented, `${r.method} ${r.path}`).toBe(true)
    }
  })
})
