import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { resolveMeshOptions } from '../../src/node/options.js'
import { InvalidOptionError } from '../../src/errors.js'

function rejects (options: unknown, field: string): void {
  assert.throws(() => resolveMeshOptions(options), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionError, `expected InvalidOptionError, got ${String(err)}`)
    assert.equal(err.field, field)
    assert.equal(err.code, 'ERR_INVALID_OPTION')
    assert.match(err.message, new RegExp(field.replace(/[[\].]/g, '\\$&')))
    return true
  })
}

describe('mesh options', () => {
  it('fills in defaults', () => {
    const o = resolveMeshOptions({})
    assert.deepEqual(o.listen, ['/ip4/0.0.0.0/tcp/0'])
    assert.deepEqual(o.bootstrap, [])
    assert.equal(o.mdns, false)
    assert.equal(o.logger, 'meshchan')
    assert.equal(o.identity, undefined)
  })

  it('names the bad field', () => {
    rejects('nope', 'options')
    rejects({ listen: '/ip4/127.0.0.1/tcp/0' }, 'listen')
    rejects({ listen: [] }, 'listen')
    rejects({ listen: ['not a multiaddr'] }, 'listen[0]')
    rejects({ listen: [42] }, 'listen[0]')
    rejects({ bootstrap: ['/ip4/127.0.0.1/tcp/4001'] }, 'bootstrap[0]')
    rejects({ mdns: 'yes' }, 'mdns')
    rejects({ identity: '' }, 'identity')
    rejects({ dataDir: 3 }, 'dataDir')
    rejects({ failureDetection: { pingInterval: -1 } }, 'failureDetection.pingInterval')
    rejects({ failureDetection: { pingTimeout: 1.5 } }, 'failureDetection.pingTimeout')
    rejects({ dialTimeout: 0 }, 'dialTimeout')
    rejects({ lissten: [] }, 'lissten')
  })

  it('accepts bootstrap addresses with a PeerId', () => {
    const addr = '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWGRUVh4KfB8PEVGnA3GZp8bFqDNxNKSqTLVdEPsTUj1jQ'
    assert.deepEqual(resolveMeshOptions({ bootstrap: [addr] }).bootstrap, [addr])
  })
})
