import { MeshchanError } from '../../errors.js'

/** A Raft group id is empty or longer than the limit (256 UTF-8 bytes by default). */
export class InvalidGroupIdError extends MeshchanError {
  constructor (group: string, limit: number) {
    super('ERR_INVALID_GROUP_ID', `group id ${JSON.stringify(group.slice(0, 64))} must be 1–${limit} UTF-8 bytes`)
  }
}
