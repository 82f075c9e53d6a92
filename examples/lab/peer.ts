/**
 * The lab's peer module for the price board: runs on every host, inside its network namespace.
 * Publishes a quote every 200 ms, reports the board's state; on drain (faults healed) publishes
 * one last quote and reports the state it converged to.
 */
import type { LabPeerContext, LabPeerWorkload } from '../../src/testkit/index.js'
import { createPriceBoard } from './board.js'

export async function start (ctx: LabPeerContext): Promise<LabPeerWorkload> {
  const board = createPriceBoard(ctx.mesh, `SYM${ctx.host}`)
  let running = true
  const loop = (async () => {
    while (running) {
      // A restarted host (after kill -9) starts at version 0 again: a bug the lab can find.
      await board.publish(100 + Math.round(Math.random() * 10)).catch(() => {})
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  })()
  return {
    async drain () {
      running = false
      await loop
      await board.publish(100)
      await new Promise(resolve => setTimeout(resolve, 3000)) // let the last quotes spread
      ctx.emit({ final: board.snapshot() })
    },
    async stop () {
      running = false
      await loop
      await board.close()
    }
  }
}
