import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { resolveMeshOptions } from '../../src/node/options.js'
import { InvalidOptionError } from '../../src/errors.js'
import { createMesh, InvalidQueueNameError } from '../../src/index.js'

describe('queue options', () => {
  it('cluster and queues options are validated like the others', () => {
    assert.deepEqual(resolveMeshOptions({}).cluster, { role: 'member', expect: undefined, seeds: [] })
    assert.equal(resolveMeshOptions({}).queues.replaceAfter, 30_000)
    assert.equal(resolveMeshOptions({ cluster: { expect: 3 } }).cluster.expect, 3)
    const bad = (o: unknown, field: string): void => {
      assert.throws(() => resolveMeshOptions(o), (err: unknown) => err instanceof InvalidOptionError && err.field === field)
    }
    bad({ cluster: { expect: 0 } }, 'cluster.expect')
    bad({ cluster: { expect: 1.5 } }, 'cluster.expect')
    bad({ cluster: { seeds: 'x' } }, 'cluster.seeds')
    bad({ cluster: { seeds: [''] } }, 'cluster.seeds[0]')
    bad({ cluster: { typo: 1 } }, 'cluster.typo')
    bad({ cluster: 3 }, 'cluster')
    bad({ queues: { replaceAfter: -1 } }, 'queues.replaceAfter')
    bad({ queues: { placement: 'x' } }, 'queues.placement')
    bad({ queues: { other: 1 } }, 'queues.other')
  })

  it('queue names and queue options are checked when the handle is made', async () => {
    const mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    try {
      assert.throws(() => mesh.queue(''), InvalidQueueNameError)
      assert.throws(() => mesh.queue('a/b'), InvalidQueueNameError)
      assert.throws(() => mesh.queue('q', { replicas: 0 }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'replicas')
      assert.throws(() => mesh.queue('q', { ackTimeout: 0 }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'ackTimeout')
      assert.throws(() => mesh.queue('q', { overflow: 'drop' as any }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'overflow')
      assert.throws(() => mesh.queue('q').consume({ prefetch: 0 }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'prefetch')
      await assert.rejects(mesh.queue('q').put('x', { id: '' }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'id')
    } finally {
      await mesh.stop()
    }
    assert.throws(() => mesh.queue('after-stop'), { code: 'ERR_CLOSED' })
  })
})
