import { MeshchanError } from '../errors.js'

/** The machine can't run a lab (not root, no network namespaces, a tool missing). `reason` says which. */
export class LabUnsupportedError extends MeshchanError {
  constructor (readonly reason: string) {
    super('ERR_LAB_UNSUPPORTED', `the partition lab can't run here: ${reason}`)
  }
}

/** A command the lab ran (ip, nft, tc) failed or timed out. */
export class LabCommandError extends MeshchanError {
  constructor (readonly argv: string[], readonly stderr: string, options?: { cause?: unknown }) {
    super('ERR_LAB_COMMAND', `${argv.join(' ')} failed: ${stderr.trim() === '' ? String((options?.cause as Error | undefined)?.message ?? 'unknown error') : stderr.trim()}`, options)
  }
}

/** A lab host's peer process misbehaved: it did not start in time, exited, or printed garbage. */
export class LabPeerError extends MeshchanError {
  constructor (readonly host: number, message: string, options?: { cause?: unknown }) {
    super('ERR_LAB_PEER', `host ${host}: ${message}`, options)
  }
}

/** The lab was told to touch a resource it did not create. Never happens unless there is a bug. */
export class LabOwnershipError extends MeshchanError {
  constructor (what: string) {
    super('ERR_LAB_OWNERSHIP', `refusing to touch ${what}: this lab run did not create it`)
  }
}
