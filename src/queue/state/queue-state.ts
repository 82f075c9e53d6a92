// Generated from queue-state.proto by ./regen.sh (protons 9, adapted to protons-runtime 8). Do not edit.
import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'

export interface QueueCommand {
  version: number
  client: string
  requestId: number
  firstIncomplete: number
  now: number
  put?: PutCommand
  lease?: LeaseCommand
  ack?: AckCommand
  nack?: NackCommand
  extend?: ExtendCommand
  expire?: ExpireCommand
  requeueDead?: RequeueDeadCommand
  purge?: PurgeCommand
  configure?: ConfigureCommand
  batch?: BatchCommand
}

export namespace QueueCommand {
  let _codec: Codec<QueueCommand, Partial<QueueCommand>>

  export const codec = (): Codec<QueueCommand, Partial<QueueCommand>> => {
    if (_codec == null) {
      _codec = message<QueueCommand, Partial<QueueCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.client != null && obj.client !== '')) {
          w.uint32(18)
          w.string(obj.client)
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.requestId)
        }

        if ((obj.firstIncomplete != null && obj.firstIncomplete !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.firstIncomplete)
        }

        if ((obj.now != null && obj.now !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.now)
        }

        if (obj.put != null) {
          w.uint32(82)
          PutCommand.codec().encode(obj.put, w)
        }

        if (obj.lease != null) {
          w.uint32(90)
          LeaseCommand.codec().encode(obj.lease, w)
        }

        if (obj.ack != null) {
          w.uint32(98)
          AckCommand.codec().encode(obj.ack, w)
        }

        if (obj.nack != null) {
          w.uint32(106)
          NackCommand.codec().encode(obj.nack, w)
        }

        if (obj.extend != null) {
          w.uint32(114)
          ExtendCommand.codec().encode(obj.extend, w)
        }

        if (obj.expire != null) {
          w.uint32(122)
          ExpireCommand.codec().encode(obj.expire, w)
        }

        if (obj.requeueDead != null) {
          w.uint32(130)
          RequeueDeadCommand.codec().encode(obj.requeueDead, w)
        }

        if (obj.purge != null) {
          w.uint32(138)
          PurgeCommand.codec().encode(obj.purge, w)
        }

        if (obj.configure != null) {
          w.uint32(146)
          ConfigureCommand.codec().encode(obj.configure, w)
        }

        if (obj.batch != null) {
          w.uint32(154)
          BatchCommand.codec().encode(obj.batch, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          client: '',
          requestId: 0,
          firstIncomplete: 0,
          now: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.client = reader.string()
              break
            }
            case 3: {
              obj.requestId = reader.uint64Number()
              break
            }
            case 4: {
              obj.firstIncomplete = reader.uint64Number()
              break
            }
            case 5: {
              obj.now = reader.uint64Number()
              break
            }
            case 10: {
              obj.put = PutCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.put
              })
              break
            }
            case 11: {
              obj.lease = LeaseCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lease
              })
              break
            }
            case 12: {
              obj.ack = AckCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 13: {
              obj.nack = NackCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.nack
              })
              break
            }
            case 14: {
              obj.extend = ExtendCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.extend
              })
              break
            }
            case 15: {
              obj.expire = ExpireCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.expire
              })
              break
            }
            case 16: {
              obj.requeueDead = RequeueDeadCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.requeueDead
              })
              break
            }
            case 17: {
              obj.purge = PurgeCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.purge
              })
              break
            }
            case 18: {
              obj.configure = ConfigureCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.configure
              })
              break
            }
            case 19: {
              obj.batch = BatchCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.batch
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.client`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.requestId`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.firstIncomplete`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.now`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield * PutCommand.codec().stream(reader, reader.uint32(), `${prefix}.put`, {
                limits: opts.limits?.put
              })

              break
            }
            case 11: {
              yield * LeaseCommand.codec().stream(reader, reader.uint32(), `${prefix}.lease`, {
                limits: opts.limits?.lease
              })

              break
            }
            case 12: {
              yield * AckCommand.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 13: {
              yield * NackCommand.codec().stream(reader, reader.uint32(), `${prefix}.nack`, {
                limits: opts.limits?.nack
              })

              break
            }
            case 14: {
              yield * ExtendCommand.codec().stream(reader, reader.uint32(), `${prefix}.extend`, {
                limits: opts.limits?.extend
              })

              break
            }
            case 15: {
              yield * ExpireCommand.codec().stream(reader, reader.uint32(), `${prefix}.expire`, {
                limits: opts.limits?.expire
              })

              break
            }
            case 16: {
              yield * RequeueDeadCommand.codec().stream(reader, reader.uint32(), `${prefix}.requeueDead`, {
                limits: opts.limits?.requeueDead
              })

              break
            }
            case 17: {
              yield * PurgeCommand.codec().stream(reader, reader.uint32(), `${prefix}.purge`, {
                limits: opts.limits?.purge
              })

              break
            }
            case 18: {
              yield * ConfigureCommand.codec().stream(reader, reader.uint32(), `${prefix}.configure`, {
                limits: opts.limits?.configure
              })

              break
            }
            case 19: {
              yield * BatchCommand.codec().stream(reader, reader.uint32(), `${prefix}.batch`, {
                limits: opts.limits?.batch
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface QueueCommandVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface QueueCommandClientFieldEvent {
    field: '$.client'
    value: string
  }

  export interface QueueCommandRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export interface QueueCommandFirstIncompleteFieldEvent {
    field: '$.firstIncomplete'
    value: number
  }

  export interface QueueCommandNowFieldEvent {
    field: '$.now'
    value: number
  }

  export interface QueueCommandPutIdFieldEvent {
    field: '$.put.id'
    value: string
  }

  export interface QueueCommandPutPayloadFieldEvent {
    field: '$.put.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QueueCommandPutProducerFieldEvent {
    field: '$.put.producer'
    value: string
  }

  export interface QueueCommandPutDelayUntilFieldEvent {
    field: '$.put.delayUntil'
    value: number
  }

  export interface QueueCommandPutMaxDeliveriesFieldEvent {
    field: '$.put.maxDeliveries'
    value: number
  }

  export interface QueueCommandLeaseConsumerFieldEvent {
    field: '$.lease.consumer'
    value: string
  }

  export interface QueueCommandLeaseCountFieldEvent {
    field: '$.lease.count'
    value: number
  }

  export interface QueueCommandLeaseLeaseMsFieldEvent {
    field: '$.lease.leaseMs'
    value: number
  }

  export interface QueueCommandAckIdFieldEvent {
    field: '$.ack.id'
    value: string
  }

  export interface QueueCommandAckSeqFieldEvent {
    field: '$.ack.seq'
    value: number
  }

  export interface QueueCommandAckConsumerFieldEvent {
    field: '$.ack.consumer'
    value: string
  }

  export interface QueueCommandAckTermFieldEvent {
    field: '$.ack.term'
    value: number
  }

  export interface QueueCommandAckAttemptFieldEvent {
    field: '$.ack.attempt'
    value: number
  }

  export interface QueueCommandNackIdFieldEvent {
    field: '$.nack.id'
    value: string
  }

  export interface QueueCommandNackSeqFieldEvent {
    field: '$.nack.seq'
    value: number
  }

  export interface QueueCommandNackConsumerFieldEvent {
    field: '$.nack.consumer'
    value: string
  }

  export interface QueueCommandNackTermFieldEvent {
    field: '$.nack.term'
    value: number
  }

  export interface QueueCommandNackAttemptFieldEvent {
    field: '$.nack.attempt'
    value: number
  }

  export interface QueueCommandNackDelayMsFieldEvent {
    field: '$.nack.delayMs'
    value: number
  }

  export interface QueueCommandNackDeadLetterFieldEvent {
    field: '$.nack.deadLetter'
    value: boolean
  }

  export interface QueueCommandNackUnsentFieldEvent {
    field: '$.nack.unsent'
    value: boolean
  }

  export interface QueueCommandExtendIdFieldEvent {
    field: '$.extend.id'
    value: string
  }

  export interface QueueCommandExtendSeqFieldEvent {
    field: '$.extend.seq'
    value: number
  }

  export interface QueueCommandExtendConsumerFieldEvent {
    field: '$.extend.consumer'
    value: string
  }

  export interface QueueCommandExtendTermFieldEvent {
    field: '$.extend.term'
    value: number
  }

  export interface QueueCommandExtendAttemptFieldEvent {
    field: '$.extend.attempt'
    value: number
  }

  export interface QueueCommandExtendMsFieldEvent {
    field: '$.extend.ms'
    value: number
  }

  export interface QueueCommandExpireMaxFieldEvent {
    field: '$.expire.max'
    value: number
  }

  export interface QueueCommandRequeueDeadIdsFieldEvent {
    field: '$.requeueDead.ids[]'
    index: number
    value: string
  }

  export interface QueueCommandRequeueDeadAllFieldEvent {
    field: '$.requeueDead.all'
    value: boolean
  }

  export interface QueueCommandPurgeDeadFieldEvent {
    field: '$.purge.dead'
    value: boolean
  }

  export interface QueueCommandConfigureMaxLengthFieldEvent {
    field: '$.configure.maxLength'
    value: number
  }

  export interface QueueCommandConfigureMaxBytesFieldEvent {
    field: '$.configure.maxBytes'
    value: number
  }

  export interface QueueCommandConfigureMaxDeliveriesFieldEvent {
    field: '$.configure.maxDeliveries'
    value: number
  }

  export interface QueueCommandConfigureDedupWindowMsFieldEvent {
    field: '$.configure.dedupWindowMs'
    value: number
  }

  export interface QueueCommandConfigureMaxDedupEntriesFieldEvent {
    field: '$.configure.maxDedupEntries'
    value: number
  }

  export interface QueueCommandConfigureMaxDeadFieldEvent {
    field: '$.configure.maxDead'
    value: number
  }

  export interface QueueCommandConfigureSessionTtlMsFieldEvent {
    field: '$.configure.sessionTtlMs'
    value: number
  }

  export interface QueueCommandConfigureMaxSessionsFieldEvent {
    field: '$.configure.maxSessions'
    value: number
  }

  export interface QueueCommandConfigureMaxResultsPerClientFieldEvent {
    field: '$.configure.maxResultsPerClient'
    value: number
  }

  export interface QueueCommandBatchCommandsFieldEvent {
    field: '$.batch.commands[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<QueueCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, QueueCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<QueueCommand>): QueueCommand {
    return decodeMessage(buf, QueueCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<QueueCommand>): Generator<QueueCommandVersionFieldEvent | QueueCommandClientFieldEvent | QueueCommandRequestIdFieldEvent | QueueCommandFirstIncompleteFieldEvent | QueueCommandNowFieldEvent | QueueCommandPutIdFieldEvent | QueueCommandPutPayloadFieldEvent | QueueCommandPutProducerFieldEvent | QueueCommandPutDelayUntilFieldEvent | QueueCommandPutMaxDeliveriesFieldEvent | QueueCommandLeaseConsumerFieldEvent | QueueCommandLeaseCountFieldEvent | QueueCommandLeaseLeaseMsFieldEvent | QueueCommandAckIdFieldEvent | QueueCommandAckSeqFieldEvent | QueueCommandAckConsumerFieldEvent | QueueCommandAckTermFieldEvent | QueueCommandAckAttemptFieldEvent | QueueCommandNackIdFieldEvent | QueueCommandNackSeqFieldEvent | QueueCommandNackConsumerFieldEvent | QueueCommandNackTermFieldEvent | QueueCommandNackAttemptFieldEvent | QueueCommandNackDelayMsFieldEvent | QueueCommandNackDeadLetterFieldEvent | QueueCommandNackUnsentFieldEvent | QueueCommandExtendIdFieldEvent | QueueCommandExtendSeqFieldEvent | QueueCommandExtendConsumerFieldEvent | QueueCommandExtendTermFieldEvent | QueueCommandExtendAttemptFieldEvent | QueueCommandExtendMsFieldEvent | QueueCommandExpireMaxFieldEvent | QueueCommandRequeueDeadIdsFieldEvent | QueueCommandRequeueDeadAllFieldEvent | QueueCommandPurgeDeadFieldEvent | QueueCommandConfigureMaxLengthFieldEvent | QueueCommandConfigureMaxBytesFieldEvent | QueueCommandConfigureMaxDeliveriesFieldEvent | QueueCommandConfigureDedupWindowMsFieldEvent | QueueCommandConfigureMaxDedupEntriesFieldEvent | QueueCommandConfigureMaxDeadFieldEvent | QueueCommandConfigureSessionTtlMsFieldEvent | QueueCommandConfigureMaxSessionsFieldEvent | QueueCommandConfigureMaxResultsPerClientFieldEvent | QueueCommandBatchCommandsFieldEvent> {
    return streamMessage(buf, QueueCommand.codec(), opts)
  }
}

export interface BatchCommand {
  commands: Uint8Array<ArrayBuffer>[]
}

export namespace BatchCommand {
  let _codec: Codec<BatchCommand, Partial<BatchCommand>>

  export const codec = (): Codec<BatchCommand, Partial<BatchCommand>> => {
    if (_codec == null) {
      _codec = message<BatchCommand, Partial<BatchCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.commands != null && obj.commands.length > 0) {
          for (const value of obj.commands) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          commands: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.commands != null && obj.commands.length === opts.limits.commands) {
                throw new MaxLengthError('Decode error - repeated field "commands" had too many elements')
              }

              obj.commands.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          commands: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.commands != null && obj.commands === opts.limits.commands) {
                throw new MaxLengthError('Streaming decode error - repeated field "commands" had too many elements')
              }

              yield {
                field: `${prefix}.commands[]`,
                index: obj.commands,
                value: reader.bytes()
              }

              obj.commands++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface BatchCommandCommandsFieldEvent {
    field: '$.commands[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<BatchCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, BatchCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<BatchCommand>): BatchCommand {
    return decodeMessage(buf, BatchCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<BatchCommand>): Generator<BatchCommandCommandsFieldEvent> {
    return streamMessage(buf, BatchCommand.codec(), opts)
  }
}

export interface PutCommand {
  id: string
  payload: Uint8Array<ArrayBuffer>
  producer: string
  delayUntil: number
  maxDeliveries?: number
}

export namespace PutCommand {
  let _codec: Codec<PutCommand, Partial<PutCommand>>

  export const codec = (): Codec<PutCommand, Partial<PutCommand>> => {
    if (_codec == null) {
      _codec = message<PutCommand, Partial<PutCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.payload != null && obj.payload.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.payload)
        }

        if ((obj.producer != null && obj.producer !== '')) {
          w.uint32(26)
          w.string(obj.producer)
        }

        if ((obj.delayUntil != null && obj.delayUntil !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.delayUntil)
        }

        if (obj.maxDeliveries != null) {
          w.uint32(40)
          w.uint32(obj.maxDeliveries)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          payload: uint8ArrayAlloc(0),
          producer: '',
          delayUntil: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.payload = reader.bytes()
              break
            }
            case 3: {
              obj.producer = reader.string()
              break
            }
            case 4: {
              obj.delayUntil = reader.uint64Number()
              break
            }
            case 5: {
              obj.maxDeliveries = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.payload`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.producer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.delayUntil`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.maxDeliveries`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PutCommandIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface PutCommandPayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PutCommandProducerFieldEvent {
    field: '$.producer'
    value: string
  }

  export interface PutCommandDelayUntilFieldEvent {
    field: '$.delayUntil'
    value: number
  }

  export interface PutCommandMaxDeliveriesFieldEvent {
    field: '$.maxDeliveries'
    value: number
  }

  export function encode (obj: Partial<PutCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PutCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<PutCommand>): PutCommand {
    return decodeMessage(buf, PutCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<PutCommand>): Generator<PutCommandIdFieldEvent | PutCommandPayloadFieldEvent | PutCommandProducerFieldEvent | PutCommandDelayUntilFieldEvent | PutCommandMaxDeliveriesFieldEvent> {
    return streamMessage(buf, PutCommand.codec(), opts)
  }
}

export interface LeaseCommand {
  consumer: string
  count: number
  leaseMs: number
}

export namespace LeaseCommand {
  let _codec: Codec<LeaseCommand, Partial<LeaseCommand>>

  export const codec = (): Codec<LeaseCommand, Partial<LeaseCommand>> => {
    if (_codec == null) {
      _codec = message<LeaseCommand, Partial<LeaseCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(10)
          w.string(obj.consumer)
        }

        if ((obj.count != null && obj.count !== 0)) {
          w.uint32(16)
          w.uint32(obj.count)
        }

        if ((obj.leaseMs != null && obj.leaseMs !== 0)) {
          w.uint32(24)
          w.uint32(obj.leaseMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          consumer: '',
          count: 0,
          leaseMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.consumer = reader.string()
              break
            }
            case 2: {
              obj.count = reader.uint32()
              break
            }
            case 3: {
              obj.leaseMs = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.count`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.leaseMs`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LeaseCommandConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface LeaseCommandCountFieldEvent {
    field: '$.count'
    value: number
  }

  export interface LeaseCommandLeaseMsFieldEvent {
    field: '$.leaseMs'
    value: number
  }

  export function encode (obj: Partial<LeaseCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaseCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<LeaseCommand>): LeaseCommand {
    return decodeMessage(buf, LeaseCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<LeaseCommand>): Generator<LeaseCommandConsumerFieldEvent | LeaseCommandCountFieldEvent | LeaseCommandLeaseMsFieldEvent> {
    return streamMessage(buf, LeaseCommand.codec(), opts)
  }
}

export interface AckCommand {
  id: string
  seq: number
  consumer: string
  term: number
  attempt: number
}

export namespace AckCommand {
  let _codec: Codec<AckCommand, Partial<AckCommand>>

  export const codec = (): Codec<AckCommand, Partial<AckCommand>> => {
    if (_codec == null) {
      _codec = message<AckCommand, Partial<AckCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(26)
          w.string(obj.consumer)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(40)
          w.uint32(obj.attempt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          consumer: '',
          term: 0,
          attempt: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.consumer = reader.string()
              break
            }
            case 4: {
              obj.term = reader.uint64Number()
              break
            }
            case 5: {
              obj.attempt = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AckCommandIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface AckCommandSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface AckCommandConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface AckCommandTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface AckCommandAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export function encode (obj: Partial<AckCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AckCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<AckCommand>): AckCommand {
    return decodeMessage(buf, AckCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<AckCommand>): Generator<AckCommandIdFieldEvent | AckCommandSeqFieldEvent | AckCommandConsumerFieldEvent | AckCommandTermFieldEvent | AckCommandAttemptFieldEvent> {
    return streamMessage(buf, AckCommand.codec(), opts)
  }
}

export interface NackCommand {
  id: string
  seq: number
  consumer: string
  term: number
  attempt: number
  delayMs: number
  deadLetter: boolean
  unsent: boolean
}

export namespace NackCommand {
  let _codec: Codec<NackCommand, Partial<NackCommand>>

  export const codec = (): Codec<NackCommand, Partial<NackCommand>> => {
    if (_codec == null) {
      _codec = message<NackCommand, Partial<NackCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(26)
          w.string(obj.consumer)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(40)
          w.uint32(obj.attempt)
        }

        if ((obj.delayMs != null && obj.delayMs !== 0)) {
          w.uint32(48)
          w.uint32(obj.delayMs)
        }

        if ((obj.deadLetter != null && obj.deadLetter !== false)) {
          w.uint32(56)
          w.bool(obj.deadLetter)
        }

        if ((obj.unsent != null && obj.unsent !== false)) {
          w.uint32(64)
          w.bool(obj.unsent)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          consumer: '',
          term: 0,
          attempt: 0,
          delayMs: 0,
          deadLetter: false,
          unsent: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.consumer = reader.string()
              break
            }
            case 4: {
              obj.term = reader.uint64Number()
              break
            }
            case 5: {
              obj.attempt = reader.uint32()
              break
            }
            case 6: {
              obj.delayMs = reader.uint32()
              break
            }
            case 7: {
              obj.deadLetter = reader.bool()
              break
            }
            case 8: {
              obj.unsent = reader.bool()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.delayMs`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.deadLetter`,
                value: reader.bool()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.unsent`,
                value: reader.bool()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface NackCommandIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface NackCommandSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface NackCommandConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface NackCommandTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface NackCommandAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface NackCommandDelayMsFieldEvent {
    field: '$.delayMs'
    value: number
  }

  export interface NackCommandDeadLetterFieldEvent {
    field: '$.deadLetter'
    value: boolean
  }

  export interface NackCommandUnsentFieldEvent {
    field: '$.unsent'
    value: boolean
  }

  export function encode (obj: Partial<NackCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NackCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<NackCommand>): NackCommand {
    return decodeMessage(buf, NackCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<NackCommand>): Generator<NackCommandIdFieldEvent | NackCommandSeqFieldEvent | NackCommandConsumerFieldEvent | NackCommandTermFieldEvent | NackCommandAttemptFieldEvent | NackCommandDelayMsFieldEvent | NackCommandDeadLetterFieldEvent | NackCommandUnsentFieldEvent> {
    return streamMessage(buf, NackCommand.codec(), opts)
  }
}

export interface ExtendCommand {
  id: string
  seq: number
  consumer: string
  term: number
  attempt: number
  ms: number
}

export namespace ExtendCommand {
  let _codec: Codec<ExtendCommand, Partial<ExtendCommand>>

  export const codec = (): Codec<ExtendCommand, Partial<ExtendCommand>> => {
    if (_codec == null) {
      _codec = message<ExtendCommand, Partial<ExtendCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(26)
          w.string(obj.consumer)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(40)
          w.uint32(obj.attempt)
        }

        if ((obj.ms != null && obj.ms !== 0)) {
          w.uint32(48)
          w.uint32(obj.ms)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          consumer: '',
          term: 0,
          attempt: 0,
          ms: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.consumer = reader.string()
              break
            }
            case 4: {
              obj.term = reader.uint64Number()
              break
            }
            case 5: {
              obj.attempt = reader.uint32()
              break
            }
            case 6: {
              obj.ms = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.ms`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ExtendCommandIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface ExtendCommandSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface ExtendCommandConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface ExtendCommandTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface ExtendCommandAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface ExtendCommandMsFieldEvent {
    field: '$.ms'
    value: number
  }

  export function encode (obj: Partial<ExtendCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ExtendCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ExtendCommand>): ExtendCommand {
    return decodeMessage(buf, ExtendCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ExtendCommand>): Generator<ExtendCommandIdFieldEvent | ExtendCommandSeqFieldEvent | ExtendCommandConsumerFieldEvent | ExtendCommandTermFieldEvent | ExtendCommandAttemptFieldEvent | ExtendCommandMsFieldEvent> {
    return streamMessage(buf, ExtendCommand.codec(), opts)
  }
}

export interface ExpireCommand {
  max: number
}

export namespace ExpireCommand {
  let _codec: Codec<ExpireCommand, Partial<ExpireCommand>>

  export const codec = (): Codec<ExpireCommand, Partial<ExpireCommand>> => {
    if (_codec == null) {
      _codec = message<ExpireCommand, Partial<ExpireCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.max != null && obj.max !== 0)) {
          w.uint32(8)
          w.uint32(obj.max)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          max: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.max = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.max`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ExpireCommandMaxFieldEvent {
    field: '$.max'
    value: number
  }

  export function encode (obj: Partial<ExpireCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ExpireCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ExpireCommand>): ExpireCommand {
    return decodeMessage(buf, ExpireCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ExpireCommand>): Generator<ExpireCommandMaxFieldEvent> {
    return streamMessage(buf, ExpireCommand.codec(), opts)
  }
}

export interface RequeueDeadCommand {
  ids: string[]
  all: boolean
}

export namespace RequeueDeadCommand {
  let _codec: Codec<RequeueDeadCommand, Partial<RequeueDeadCommand>>

  export const codec = (): Codec<RequeueDeadCommand, Partial<RequeueDeadCommand>> => {
    if (_codec == null) {
      _codec = message<RequeueDeadCommand, Partial<RequeueDeadCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.string(value)
          }
        }

        if ((obj.all != null && obj.all !== false)) {
          w.uint32(16)
          w.bool(obj.all)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: [],
          all: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
              break
            }
            case 2: {
              obj.all = reader.bool()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          ids: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.all`,
                value: reader.bool()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface RequeueDeadCommandIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export interface RequeueDeadCommandAllFieldEvent {
    field: '$.all'
    value: boolean
  }

  export function encode (obj: Partial<RequeueDeadCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RequeueDeadCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<RequeueDeadCommand>): RequeueDeadCommand {
    return decodeMessage(buf, RequeueDeadCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<RequeueDeadCommand>): Generator<RequeueDeadCommandIdsFieldEvent | RequeueDeadCommandAllFieldEvent> {
    return streamMessage(buf, RequeueDeadCommand.codec(), opts)
  }
}

export interface PurgeCommand {
  dead: boolean
}

export namespace PurgeCommand {
  let _codec: Codec<PurgeCommand, Partial<PurgeCommand>>

  export const codec = (): Codec<PurgeCommand, Partial<PurgeCommand>> => {
    if (_codec == null) {
      _codec = message<PurgeCommand, Partial<PurgeCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.dead != null && obj.dead !== false)) {
          w.uint32(8)
          w.bool(obj.dead)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          dead: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.dead = reader.bool()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.dead`,
                value: reader.bool()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PurgeCommandDeadFieldEvent {
    field: '$.dead'
    value: boolean
  }

  export function encode (obj: Partial<PurgeCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PurgeCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<PurgeCommand>): PurgeCommand {
    return decodeMessage(buf, PurgeCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<PurgeCommand>): Generator<PurgeCommandDeadFieldEvent> {
    return streamMessage(buf, PurgeCommand.codec(), opts)
  }
}

export interface ConfigureCommand {
  maxLength?: number
  maxBytes?: number
  maxDeliveries?: number
  dedupWindowMs?: number
  maxDedupEntries?: number
  maxDead?: number
  sessionTtlMs?: number
  maxSessions?: number
  maxResultsPerClient?: number
}

export namespace ConfigureCommand {
  let _codec: Codec<ConfigureCommand, Partial<ConfigureCommand>>

  export const codec = (): Codec<ConfigureCommand, Partial<ConfigureCommand>> => {
    if (_codec == null) {
      _codec = message<ConfigureCommand, Partial<ConfigureCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.maxLength != null) {
          w.uint32(8)
          w.uint64Number(obj.maxLength)
        }

        if (obj.maxBytes != null) {
          w.uint32(16)
          w.uint64Number(obj.maxBytes)
        }

        if (obj.maxDeliveries != null) {
          w.uint32(24)
          w.uint32(obj.maxDeliveries)
        }

        if (obj.dedupWindowMs != null) {
          w.uint32(32)
          w.uint64Number(obj.dedupWindowMs)
        }

        if (obj.maxDedupEntries != null) {
          w.uint32(40)
          w.uint64Number(obj.maxDedupEntries)
        }

        if (obj.maxDead != null) {
          w.uint32(48)
          w.uint64Number(obj.maxDead)
        }

        if (obj.sessionTtlMs != null) {
          w.uint32(56)
          w.uint64Number(obj.sessionTtlMs)
        }

        if (obj.maxSessions != null) {
          w.uint32(64)
          w.uint64Number(obj.maxSessions)
        }

        if (obj.maxResultsPerClient != null) {
          w.uint32(72)
          w.uint64Number(obj.maxResultsPerClient)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.maxLength = reader.uint64Number()
              break
            }
            case 2: {
              obj.maxBytes = reader.uint64Number()
              break
            }
            case 3: {
              obj.maxDeliveries = reader.uint32()
              break
            }
            case 4: {
              obj.dedupWindowMs = reader.uint64Number()
              break
            }
            case 5: {
              obj.maxDedupEntries = reader.uint64Number()
              break
            }
            case 6: {
              obj.maxDead = reader.uint64Number()
              break
            }
            case 7: {
              obj.sessionTtlMs = reader.uint64Number()
              break
            }
            case 8: {
              obj.maxSessions = reader.uint64Number()
              break
            }
            case 9: {
              obj.maxResultsPerClient = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.maxLength`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.maxBytes`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.maxDeliveries`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.dedupWindowMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.maxDedupEntries`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.maxDead`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.sessionTtlMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.maxSessions`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.maxResultsPerClient`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ConfigureCommandMaxLengthFieldEvent {
    field: '$.maxLength'
    value: number
  }

  export interface ConfigureCommandMaxBytesFieldEvent {
    field: '$.maxBytes'
    value: number
  }

  export interface ConfigureCommandMaxDeliveriesFieldEvent {
    field: '$.maxDeliveries'
    value: number
  }

  export interface ConfigureCommandDedupWindowMsFieldEvent {
    field: '$.dedupWindowMs'
    value: number
  }

  export interface ConfigureCommandMaxDedupEntriesFieldEvent {
    field: '$.maxDedupEntries'
    value: number
  }

  export interface ConfigureCommandMaxDeadFieldEvent {
    field: '$.maxDead'
    value: number
  }

  export interface ConfigureCommandSessionTtlMsFieldEvent {
    field: '$.sessionTtlMs'
    value: number
  }

  export interface ConfigureCommandMaxSessionsFieldEvent {
    field: '$.maxSessions'
    value: number
  }

  export interface ConfigureCommandMaxResultsPerClientFieldEvent {
    field: '$.maxResultsPerClient'
    value: number
  }

  export function encode (obj: Partial<ConfigureCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ConfigureCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ConfigureCommand>): ConfigureCommand {
    return decodeMessage(buf, ConfigureCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ConfigureCommand>): Generator<ConfigureCommandMaxLengthFieldEvent | ConfigureCommandMaxBytesFieldEvent | ConfigureCommandMaxDeliveriesFieldEvent | ConfigureCommandDedupWindowMsFieldEvent | ConfigureCommandMaxDedupEntriesFieldEvent | ConfigureCommandMaxDeadFieldEvent | ConfigureCommandSessionTtlMsFieldEvent | ConfigureCommandMaxSessionsFieldEvent | ConfigureCommandMaxResultsPerClientFieldEvent> {
    return streamMessage(buf, ConfigureCommand.codec(), opts)
  }
}

export interface QueueSnapshot {
  version: number
  lastIndex: number
  lastTerm: number
  clock: number
  nextSeq: number
  config?: ConfigRecord
  fresh: MessageRecord[]
  redeliver: MessageRecord[]
  delayed: MessageRecord[]
  leased: MessageRecord[]
  dead: MessageRecord[]
  dedup: DedupRecord[]
  acked: AckedRecord[]
  sessions: SessionRecord[]
  totals?: Totals
}

export namespace QueueSnapshot {
  let _codec: Codec<QueueSnapshot, Partial<QueueSnapshot>>

  export const codec = (): Codec<QueueSnapshot, Partial<QueueSnapshot>> => {
    if (_codec == null) {
      _codec = message<QueueSnapshot, Partial<QueueSnapshot>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.lastIndex != null && obj.lastIndex !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.lastIndex)
        }

        if ((obj.lastTerm != null && obj.lastTerm !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.lastTerm)
        }

        if ((obj.clock != null && obj.clock !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.clock)
        }

        if ((obj.nextSeq != null && obj.nextSeq !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.nextSeq)
        }

        if (obj.config != null) {
          w.uint32(50)
          ConfigRecord.codec().encode(obj.config, w)
        }

        if (obj.fresh != null && obj.fresh.length > 0) {
          for (const value of obj.fresh) {
            w.uint32(58)
            MessageRecord.codec().encode(value, w)
          }
        }

        if (obj.redeliver != null && obj.redeliver.length > 0) {
          for (const value of obj.redeliver) {
            w.uint32(66)
            MessageRecord.codec().encode(value, w)
          }
        }

        if (obj.delayed != null && obj.delayed.length > 0) {
          for (const value of obj.delayed) {
            w.uint32(74)
            MessageRecord.codec().encode(value, w)
          }
        }

        if (obj.leased != null && obj.leased.length > 0) {
          for (const value of obj.leased) {
            w.uint32(82)
            MessageRecord.codec().encode(value, w)
          }
        }

        if (obj.dead != null && obj.dead.length > 0) {
          for (const value of obj.dead) {
            w.uint32(90)
            MessageRecord.codec().encode(value, w)
          }
        }

        if (obj.dedup != null && obj.dedup.length > 0) {
          for (const value of obj.dedup) {
            w.uint32(98)
            DedupRecord.codec().encode(value, w)
          }
        }

        if (obj.acked != null && obj.acked.length > 0) {
          for (const value of obj.acked) {
            w.uint32(106)
            AckedRecord.codec().encode(value, w)
          }
        }

        if (obj.sessions != null && obj.sessions.length > 0) {
          for (const value of obj.sessions) {
            w.uint32(114)
            SessionRecord.codec().encode(value, w)
          }
        }

        if (obj.totals != null) {
          w.uint32(122)
          Totals.codec().encode(obj.totals, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          lastIndex: 0,
          lastTerm: 0,
          clock: 0,
          nextSeq: 0,
          fresh: [],
          redeliver: [],
          delayed: [],
          leased: [],
          dead: [],
          dedup: [],
          acked: [],
          sessions: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.lastIndex = reader.uint64Number()
              break
            }
            case 3: {
              obj.lastTerm = reader.uint64Number()
              break
            }
            case 4: {
              obj.clock = reader.uint64Number()
              break
            }
            case 5: {
              obj.nextSeq = reader.uint64Number()
              break
            }
            case 6: {
              obj.config = ConfigRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.config
              })
              break
            }
            case 7: {
              if (opts.limits?.fresh != null && obj.fresh.length === opts.limits.fresh) {
                throw new MaxLengthError('Decode error - repeated field "fresh" had too many elements')
              }

              obj.fresh.push(MessageRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fresh$
              }))
              break
            }
            case 8: {
              if (opts.limits?.redeliver != null && obj.redeliver.length === opts.limits.redeliver) {
                throw new MaxLengthError('Decode error - repeated field "redeliver" had too many elements')
              }

              obj.redeliver.push(MessageRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.redeliver$
              }))
              break
            }
            case 9: {
              if (opts.limits?.delayed != null && obj.delayed.length === opts.limits.delayed) {
                throw new MaxLengthError('Decode error - repeated field "delayed" had too many elements')
              }

              obj.delayed.push(MessageRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.delayed$
              }))
              break
            }
            case 10: {
              if (opts.limits?.leased != null && obj.leased.length === opts.limits.leased) {
                throw new MaxLengthError('Decode error - repeated field "leased" had too many elements')
              }

              obj.leased.push(MessageRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.leased$
              }))
              break
            }
            case 11: {
              if (opts.limits?.dead != null && obj.dead.length === opts.limits.dead) {
                throw new MaxLengthError('Decode error - repeated field "dead" had too many elements')
              }

              obj.dead.push(MessageRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.dead$
              }))
              break
            }
            case 12: {
              if (opts.limits?.dedup != null && obj.dedup.length === opts.limits.dedup) {
                throw new MaxLengthError('Decode error - repeated field "dedup" had too many elements')
              }

              obj.dedup.push(DedupRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.dedup$
              }))
              break
            }
            case 13: {
              if (opts.limits?.acked != null && obj.acked.length === opts.limits.acked) {
                throw new MaxLengthError('Decode error - repeated field "acked" had too many elements')
              }

              obj.acked.push(AckedRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.acked$
              }))
              break
            }
            case 14: {
              if (opts.limits?.sessions != null && obj.sessions.length === opts.limits.sessions) {
                throw new MaxLengthError('Decode error - repeated field "sessions" had too many elements')
              }

              obj.sessions.push(SessionRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.sessions$
              }))
              break
            }
            case 15: {
              obj.totals = Totals.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.totals
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          fresh: 0,
          redeliver: 0,
          delayed: 0,
          leased: 0,
          dead: 0,
          dedup: 0,
          acked: 0,
          sessions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lastIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.lastTerm`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.clock`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.nextSeq`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield * ConfigRecord.codec().stream(reader, reader.uint32(), `${prefix}.config`, {
                limits: opts.limits?.config
              })

              break
            }
            case 7: {
              if (opts.limits?.fresh != null && obj.fresh === opts.limits.fresh) {
                throw new MaxLengthError('Streaming decode error - repeated field "fresh" had too many elements')
              }

              for (const evt of MessageRecord.codec().stream(reader, reader.uint32(), `${prefix}.fresh[]`, {
                limits: opts.limits?.fresh$
              })) {
                yield {
                  ...evt,
                  index: obj.fresh
                }
              }

              obj.fresh++

              break
            }
            case 8: {
              if (opts.limits?.redeliver != null && obj.redeliver === opts.limits.redeliver) {
                throw new MaxLengthError('Streaming decode error - repeated field "redeliver" had too many elements')
              }

              for (const evt of MessageRecord.codec().stream(reader, reader.uint32(), `${prefix}.redeliver[]`, {
                limits: opts.limits?.redeliver$
              })) {
                yield {
                  ...evt,
                  index: obj.redeliver
                }
              }

              obj.redeliver++

              break
            }
            case 9: {
              if (opts.limits?.delayed != null && obj.delayed === opts.limits.delayed) {
                throw new MaxLengthError('Streaming decode error - repeated field "delayed" had too many elements')
              }

              for (const evt of MessageRecord.codec().stream(reader, reader.uint32(), `${prefix}.delayed[]`, {
                limits: opts.limits?.delayed$
              })) {
                yield {
                  ...evt,
                  index: obj.delayed
                }
              }

              obj.delayed++

              break
            }
            case 10: {
              if (opts.limits?.leased != null && obj.leased === opts.limits.leased) {
                throw new MaxLengthError('Streaming decode error - repeated field "leased" had too many elements')
              }

              for (const evt of MessageRecord.codec().stream(reader, reader.uint32(), `${prefix}.leased[]`, {
                limits: opts.limits?.leased$
              })) {
                yield {
                  ...evt,
                  index: obj.leased
                }
              }

              obj.leased++

              break
            }
            case 11: {
              if (opts.limits?.dead != null && obj.dead === opts.limits.dead) {
                throw new MaxLengthError('Streaming decode error - repeated field "dead" had too many elements')
              }

              for (const evt of MessageRecord.codec().stream(reader, reader.uint32(), `${prefix}.dead[]`, {
                limits: opts.limits?.dead$
              })) {
                yield {
                  ...evt,
                  index: obj.dead
                }
              }

              obj.dead++

              break
            }
            case 12: {
              if (opts.limits?.dedup != null && obj.dedup === opts.limits.dedup) {
                throw new MaxLengthError('Streaming decode error - repeated field "dedup" had too many elements')
              }

              for (const evt of DedupRecord.codec().stream(reader, reader.uint32(), `${prefix}.dedup[]`, {
                limits: opts.limits?.dedup$
              })) {
                yield {
                  ...evt,
                  index: obj.dedup
                }
              }

              obj.dedup++

              break
            }
            case 13: {
              if (opts.limits?.acked != null && obj.acked === opts.limits.acked) {
                throw new MaxLengthError('Streaming decode error - repeated field "acked" had too many elements')
              }

              for (const evt of AckedRecord.codec().stream(reader, reader.uint32(), `${prefix}.acked[]`, {
                limits: opts.limits?.acked$
              })) {
                yield {
                  ...evt,
                  index: obj.acked
                }
              }

              obj.acked++

              break
            }
            case 14: {
              if (opts.limits?.sessions != null && obj.sessions === opts.limits.sessions) {
                throw new MaxLengthError('Streaming decode error - repeated field "sessions" had too many elements')
              }

              for (const evt of SessionRecord.codec().stream(reader, reader.uint32(), `${prefix}.sessions[]`, {
                limits: opts.limits?.sessions$
              })) {
                yield {
                  ...evt,
                  index: obj.sessions
                }
              }

              obj.sessions++

              break
            }
            case 15: {
              yield * Totals.codec().stream(reader, reader.uint32(), `${prefix}.totals`, {
                limits: opts.limits?.totals
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface QueueSnapshotVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface QueueSnapshotLastIndexFieldEvent {
    field: '$.lastIndex'
    value: number
  }

  export interface QueueSnapshotLastTermFieldEvent {
    field: '$.lastTerm'
    value: number
  }

  export interface QueueSnapshotClockFieldEvent {
    field: '$.clock'
    value: number
  }

  export interface QueueSnapshotNextSeqFieldEvent {
    field: '$.nextSeq'
    value: number
  }

  export interface QueueSnapshotConfigMaxLengthFieldEvent {
    field: '$.config.maxLength'
    value: number
  }

  export interface QueueSnapshotConfigMaxBytesFieldEvent {
    field: '$.config.maxBytes'
    value: number
  }

  export interface QueueSnapshotConfigMaxDeliveriesFieldEvent {
    field: '$.config.maxDeliveries'
    value: number
  }

  export interface QueueSnapshotConfigDedupWindowMsFieldEvent {
    field: '$.config.dedupWindowMs'
    value: number
  }

  export interface QueueSnapshotConfigMaxDedupEntriesFieldEvent {
    field: '$.config.maxDedupEntries'
    value: number
  }

  export interface QueueSnapshotConfigMaxDeadFieldEvent {
    field: '$.config.maxDead'
    value: number
  }

  export interface QueueSnapshotConfigSessionTtlMsFieldEvent {
    field: '$.config.sessionTtlMs'
    value: number
  }

  export interface QueueSnapshotConfigMaxSessionsFieldEvent {
    field: '$.config.maxSessions'
    value: number
  }

  export interface QueueSnapshotConfigMaxResultsPerClientFieldEvent {
    field: '$.config.maxResultsPerClient'
    value: number
  }

  export interface QueueSnapshotFreshIdFieldEvent {
    field: '$.fresh[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotFreshSeqFieldEvent {
    field: '$.fresh[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshPayloadFieldEvent {
    field: '$.fresh[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueSnapshotFreshProducerFieldEvent {
    field: '$.fresh[].producer'
    value: string
    index: number
  }

  export interface QueueSnapshotFreshEnqueuedAtFieldEvent {
    field: '$.fresh[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshDelayUntilFieldEvent {
    field: '$.fresh[].delayUntil'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshMaxDeliveriesFieldEvent {
    field: '$.fresh[].maxDeliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshAttemptFieldEvent {
    field: '$.fresh[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshDeliveriesFieldEvent {
    field: '$.fresh[].deliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshLeaseConsumerFieldEvent {
    field: '$.fresh[].lease.consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotFreshLeaseTermFieldEvent {
    field: '$.fresh[].lease.term'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshLeaseAttemptFieldEvent {
    field: '$.fresh[].lease.attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshLeaseDeadlineFieldEvent {
    field: '$.fresh[].lease.deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshLeaseLeasedAtFieldEvent {
    field: '$.fresh[].lease.leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshHistoryAttemptFieldEvent {
    field: '$.fresh[].history[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshHistoryConsumerFieldEvent {
    field: '$.fresh[].history[].consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotFreshHistoryTermFieldEvent {
    field: '$.fresh[].history[].term'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshHistoryLeasedAtFieldEvent {
    field: '$.fresh[].history[].leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshHistoryDeadlineFieldEvent {
    field: '$.fresh[].history[].deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshHistoryEndedAtFieldEvent {
    field: '$.fresh[].history[].endedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotFreshHistoryOutcomeFieldEvent {
    field: '$.fresh[].history[].outcome'
    value: string
    index: number
  }

  export interface QueueSnapshotFreshDeadReasonFieldEvent {
    field: '$.fresh[].deadReason'
    value: string
    index: number
  }

  export interface QueueSnapshotFreshDeadAtFieldEvent {
    field: '$.fresh[].deadAt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverIdFieldEvent {
    field: '$.redeliver[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotRedeliverSeqFieldEvent {
    field: '$.redeliver[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverPayloadFieldEvent {
    field: '$.redeliver[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueSnapshotRedeliverProducerFieldEvent {
    field: '$.redeliver[].producer'
    value: string
    index: number
  }

  export interface QueueSnapshotRedeliverEnqueuedAtFieldEvent {
    field: '$.redeliver[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverDelayUntilFieldEvent {
    field: '$.redeliver[].delayUntil'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverMaxDeliveriesFieldEvent {
    field: '$.redeliver[].maxDeliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverAttemptFieldEvent {
    field: '$.redeliver[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverDeliveriesFieldEvent {
    field: '$.redeliver[].deliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverLeaseConsumerFieldEvent {
    field: '$.redeliver[].lease.consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotRedeliverLeaseTermFieldEvent {
    field: '$.redeliver[].lease.term'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverLeaseAttemptFieldEvent {
    field: '$.redeliver[].lease.attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverLeaseDeadlineFieldEvent {
    field: '$.redeliver[].lease.deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverLeaseLeasedAtFieldEvent {
    field: '$.redeliver[].lease.leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryAttemptFieldEvent {
    field: '$.redeliver[].history[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryConsumerFieldEvent {
    field: '$.redeliver[].history[].consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryTermFieldEvent {
    field: '$.redeliver[].history[].term'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryLeasedAtFieldEvent {
    field: '$.redeliver[].history[].leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryDeadlineFieldEvent {
    field: '$.redeliver[].history[].deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryEndedAtFieldEvent {
    field: '$.redeliver[].history[].endedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotRedeliverHistoryOutcomeFieldEvent {
    field: '$.redeliver[].history[].outcome'
    value: string
    index: number
  }

  export interface QueueSnapshotRedeliverDeadReasonFieldEvent {
    field: '$.redeliver[].deadReason'
    value: string
    index: number
  }

  export interface QueueSnapshotRedeliverDeadAtFieldEvent {
    field: '$.redeliver[].deadAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedIdFieldEvent {
    field: '$.delayed[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotDelayedSeqFieldEvent {
    field: '$.delayed[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedPayloadFieldEvent {
    field: '$.delayed[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueSnapshotDelayedProducerFieldEvent {
    field: '$.delayed[].producer'
    value: string
    index: number
  }

  export interface QueueSnapshotDelayedEnqueuedAtFieldEvent {
    field: '$.delayed[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedDelayUntilFieldEvent {
    field: '$.delayed[].delayUntil'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedMaxDeliveriesFieldEvent {
    field: '$.delayed[].maxDeliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedAttemptFieldEvent {
    field: '$.delayed[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedDeliveriesFieldEvent {
    field: '$.delayed[].deliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedLeaseConsumerFieldEvent {
    field: '$.delayed[].lease.consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotDelayedLeaseTermFieldEvent {
    field: '$.delayed[].lease.term'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedLeaseAttemptFieldEvent {
    field: '$.delayed[].lease.attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedLeaseDeadlineFieldEvent {
    field: '$.delayed[].lease.deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedLeaseLeasedAtFieldEvent {
    field: '$.delayed[].lease.leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedHistoryAttemptFieldEvent {
    field: '$.delayed[].history[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedHistoryConsumerFieldEvent {
    field: '$.delayed[].history[].consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotDelayedHistoryTermFieldEvent {
    field: '$.delayed[].history[].term'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedHistoryLeasedAtFieldEvent {
    field: '$.delayed[].history[].leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedHistoryDeadlineFieldEvent {
    field: '$.delayed[].history[].deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedHistoryEndedAtFieldEvent {
    field: '$.delayed[].history[].endedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDelayedHistoryOutcomeFieldEvent {
    field: '$.delayed[].history[].outcome'
    value: string
    index: number
  }

  export interface QueueSnapshotDelayedDeadReasonFieldEvent {
    field: '$.delayed[].deadReason'
    value: string
    index: number
  }

  export interface QueueSnapshotDelayedDeadAtFieldEvent {
    field: '$.delayed[].deadAt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedIdFieldEvent {
    field: '$.leased[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotLeasedSeqFieldEvent {
    field: '$.leased[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedPayloadFieldEvent {
    field: '$.leased[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueSnapshotLeasedProducerFieldEvent {
    field: '$.leased[].producer'
    value: string
    index: number
  }

  export interface QueueSnapshotLeasedEnqueuedAtFieldEvent {
    field: '$.leased[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedDelayUntilFieldEvent {
    field: '$.leased[].delayUntil'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedMaxDeliveriesFieldEvent {
    field: '$.leased[].maxDeliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedAttemptFieldEvent {
    field: '$.leased[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedDeliveriesFieldEvent {
    field: '$.leased[].deliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedLeaseConsumerFieldEvent {
    field: '$.leased[].lease.consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotLeasedLeaseTermFieldEvent {
    field: '$.leased[].lease.term'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedLeaseAttemptFieldEvent {
    field: '$.leased[].lease.attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedLeaseDeadlineFieldEvent {
    field: '$.leased[].lease.deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedLeaseLeasedAtFieldEvent {
    field: '$.leased[].lease.leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedHistoryAttemptFieldEvent {
    field: '$.leased[].history[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedHistoryConsumerFieldEvent {
    field: '$.leased[].history[].consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotLeasedHistoryTermFieldEvent {
    field: '$.leased[].history[].term'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedHistoryLeasedAtFieldEvent {
    field: '$.leased[].history[].leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedHistoryDeadlineFieldEvent {
    field: '$.leased[].history[].deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedHistoryEndedAtFieldEvent {
    field: '$.leased[].history[].endedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotLeasedHistoryOutcomeFieldEvent {
    field: '$.leased[].history[].outcome'
    value: string
    index: number
  }

  export interface QueueSnapshotLeasedDeadReasonFieldEvent {
    field: '$.leased[].deadReason'
    value: string
    index: number
  }

  export interface QueueSnapshotLeasedDeadAtFieldEvent {
    field: '$.leased[].deadAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadIdFieldEvent {
    field: '$.dead[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotDeadSeqFieldEvent {
    field: '$.dead[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadPayloadFieldEvent {
    field: '$.dead[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueSnapshotDeadProducerFieldEvent {
    field: '$.dead[].producer'
    value: string
    index: number
  }

  export interface QueueSnapshotDeadEnqueuedAtFieldEvent {
    field: '$.dead[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadDelayUntilFieldEvent {
    field: '$.dead[].delayUntil'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadMaxDeliveriesFieldEvent {
    field: '$.dead[].maxDeliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadAttemptFieldEvent {
    field: '$.dead[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadDeliveriesFieldEvent {
    field: '$.dead[].deliveries'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadLeaseConsumerFieldEvent {
    field: '$.dead[].lease.consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotDeadLeaseTermFieldEvent {
    field: '$.dead[].lease.term'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadLeaseAttemptFieldEvent {
    field: '$.dead[].lease.attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadLeaseDeadlineFieldEvent {
    field: '$.dead[].lease.deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadLeaseLeasedAtFieldEvent {
    field: '$.dead[].lease.leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadHistoryAttemptFieldEvent {
    field: '$.dead[].history[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadHistoryConsumerFieldEvent {
    field: '$.dead[].history[].consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotDeadHistoryTermFieldEvent {
    field: '$.dead[].history[].term'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadHistoryLeasedAtFieldEvent {
    field: '$.dead[].history[].leasedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadHistoryDeadlineFieldEvent {
    field: '$.dead[].history[].deadline'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadHistoryEndedAtFieldEvent {
    field: '$.dead[].history[].endedAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDeadHistoryOutcomeFieldEvent {
    field: '$.dead[].history[].outcome'
    value: string
    index: number
  }

  export interface QueueSnapshotDeadDeadReasonFieldEvent {
    field: '$.dead[].deadReason'
    value: string
    index: number
  }

  export interface QueueSnapshotDeadDeadAtFieldEvent {
    field: '$.dead[].deadAt'
    value: number
    index: number
  }

  export interface QueueSnapshotDedupIdFieldEvent {
    field: '$.dedup[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotDedupSeqFieldEvent {
    field: '$.dedup[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotDedupAtFieldEvent {
    field: '$.dedup[].at'
    value: number
    index: number
  }

  export interface QueueSnapshotAckedIdFieldEvent {
    field: '$.acked[].id'
    value: string
    index: number
  }

  export interface QueueSnapshotAckedSeqFieldEvent {
    field: '$.acked[].seq'
    value: number
    index: number
  }

  export interface QueueSnapshotAckedConsumerFieldEvent {
    field: '$.acked[].consumer'
    value: string
    index: number
  }

  export interface QueueSnapshotAckedTermFieldEvent {
    field: '$.acked[].term'
    value: number
    index: number
  }

  export interface QueueSnapshotAckedAttemptFieldEvent {
    field: '$.acked[].attempt'
    value: number
    index: number
  }

  export interface QueueSnapshotAckedAtFieldEvent {
    field: '$.acked[].at'
    value: number
    index: number
  }

  export interface QueueSnapshotSessionsClientFieldEvent {
    field: '$.sessions[].client'
    value: string
    index: number
  }

  export interface QueueSnapshotSessionsFloorFieldEvent {
    field: '$.sessions[].floor'
    value: number
    index: number
  }

  export interface QueueSnapshotSessionsLastSeenFieldEvent {
    field: '$.sessions[].lastSeen'
    value: number
    index: number
  }

  export interface QueueSnapshotSessionsResultsRequestIdFieldEvent {
    field: '$.sessions[].results[].requestId'
    value: number
    index: number
  }

  export interface QueueSnapshotSessionsResultsJsonFieldEvent {
    field: '$.sessions[].results[].json'
    value: string
    index: number
  }

  export interface QueueSnapshotTotalsPutFieldEvent {
    field: '$.totals.put'
    value: number
  }

  export interface QueueSnapshotTotalsDuplicatesFieldEvent {
    field: '$.totals.duplicates'
    value: number
  }

  export interface QueueSnapshotTotalsRejectedFullFieldEvent {
    field: '$.totals.rejectedFull'
    value: number
  }

  export interface QueueSnapshotTotalsDeliveredFieldEvent {
    field: '$.totals.delivered'
    value: number
  }

  export interface QueueSnapshotTotalsAckedFieldEvent {
    field: '$.totals.acked'
    value: number
  }

  export interface QueueSnapshotTotalsExpiredFieldEvent {
    field: '$.totals.expired'
    value: number
  }

  export interface QueueSnapshotTotalsNackedFieldEvent {
    field: '$.totals.nacked'
    value: number
  }

  export interface QueueSnapshotTotalsDeadLetteredFieldEvent {
    field: '$.totals.deadLettered'
    value: number
  }

  export interface QueueSnapshotTotalsDeadDroppedFieldEvent {
    field: '$.totals.deadDropped'
    value: number
  }

  export interface QueueSnapshotTotalsStaleFieldEvent {
    field: '$.totals.stale'
    value: number
  }

  export function encode (obj: Partial<QueueSnapshot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, QueueSnapshot.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<QueueSnapshot>): QueueSnapshot {
    return decodeMessage(buf, QueueSnapshot.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<QueueSnapshot>): Generator<QueueSnapshotVersionFieldEvent | QueueSnapshotLastIndexFieldEvent | QueueSnapshotLastTermFieldEvent | QueueSnapshotClockFieldEvent | QueueSnapshotNextSeqFieldEvent | QueueSnapshotConfigMaxLengthFieldEvent | QueueSnapshotConfigMaxBytesFieldEvent | QueueSnapshotConfigMaxDeliveriesFieldEvent | QueueSnapshotConfigDedupWindowMsFieldEvent | QueueSnapshotConfigMaxDedupEntriesFieldEvent | QueueSnapshotConfigMaxDeadFieldEvent | QueueSnapshotConfigSessionTtlMsFieldEvent | QueueSnapshotConfigMaxSessionsFieldEvent | QueueSnapshotConfigMaxResultsPerClientFieldEvent | QueueSnapshotFreshIdFieldEvent | QueueSnapshotFreshSeqFieldEvent | QueueSnapshotFreshPayloadFieldEvent | QueueSnapshotFreshProducerFieldEvent | QueueSnapshotFreshEnqueuedAtFieldEvent | QueueSnapshotFreshDelayUntilFieldEvent | QueueSnapshotFreshMaxDeliveriesFieldEvent | QueueSnapshotFreshAttemptFieldEvent | QueueSnapshotFreshDeliveriesFieldEvent | QueueSnapshotFreshLeaseConsumerFieldEvent | QueueSnapshotFreshLeaseTermFieldEvent | QueueSnapshotFreshLeaseAttemptFieldEvent | QueueSnapshotFreshLeaseDeadlineFieldEvent | QueueSnapshotFreshLeaseLeasedAtFieldEvent | QueueSnapshotFreshHistoryAttemptFieldEvent | QueueSnapshotFreshHistoryConsumerFieldEvent | QueueSnapshotFreshHistoryTermFieldEvent | QueueSnapshotFreshHistoryLeasedAtFieldEvent | QueueSnapshotFreshHistoryDeadlineFieldEvent | QueueSnapshotFreshHistoryEndedAtFieldEvent | QueueSnapshotFreshHistoryOutcomeFieldEvent | QueueSnapshotFreshDeadReasonFieldEvent | QueueSnapshotFreshDeadAtFieldEvent | QueueSnapshotRedeliverIdFieldEvent | QueueSnapshotRedeliverSeqFieldEvent | QueueSnapshotRedeliverPayloadFieldEvent | QueueSnapshotRedeliverProducerFieldEvent | QueueSnapshotRedeliverEnqueuedAtFieldEvent | QueueSnapshotRedeliverDelayUntilFieldEvent | QueueSnapshotRedeliverMaxDeliveriesFieldEvent | QueueSnapshotRedeliverAttemptFieldEvent | QueueSnapshotRedeliverDeliveriesFieldEvent | QueueSnapshotRedeliverLeaseConsumerFieldEvent | QueueSnapshotRedeliverLeaseTermFieldEvent | QueueSnapshotRedeliverLeaseAttemptFieldEvent | QueueSnapshotRedeliverLeaseDeadlineFieldEvent | QueueSnapshotRedeliverLeaseLeasedAtFieldEvent | QueueSnapshotRedeliverHistoryAttemptFieldEvent | QueueSnapshotRedeliverHistoryConsumerFieldEvent | QueueSnapshotRedeliverHistoryTermFieldEvent | QueueSnapshotRedeliverHistoryLeasedAtFieldEvent | QueueSnapshotRedeliverHistoryDeadlineFieldEvent | QueueSnapshotRedeliverHistoryEndedAtFieldEvent | QueueSnapshotRedeliverHistoryOutcomeFieldEvent | QueueSnapshotRedeliverDeadReasonFieldEvent | QueueSnapshotRedeliverDeadAtFieldEvent | QueueSnapshotDelayedIdFieldEvent | QueueSnapshotDelayedSeqFieldEvent | QueueSnapshotDelayedPayloadFieldEvent | QueueSnapshotDelayedProducerFieldEvent | QueueSnapshotDelayedEnqueuedAtFieldEvent | QueueSnapshotDelayedDelayUntilFieldEvent | QueueSnapshotDelayedMaxDeliveriesFieldEvent | QueueSnapshotDelayedAttemptFieldEvent | QueueSnapshotDelayedDeliveriesFieldEvent | QueueSnapshotDelayedLeaseConsumerFieldEvent | QueueSnapshotDelayedLeaseTermFieldEvent | QueueSnapshotDelayedLeaseAttemptFieldEvent | QueueSnapshotDelayedLeaseDeadlineFieldEvent | QueueSnapshotDelayedLeaseLeasedAtFieldEvent | QueueSnapshotDelayedHistoryAttemptFieldEvent | QueueSnapshotDelayedHistoryConsumerFieldEvent | QueueSnapshotDelayedHistoryTermFieldEvent | QueueSnapshotDelayedHistoryLeasedAtFieldEvent | QueueSnapshotDelayedHistoryDeadlineFieldEvent | QueueSnapshotDelayedHistoryEndedAtFieldEvent | QueueSnapshotDelayedHistoryOutcomeFieldEvent | QueueSnapshotDelayedDeadReasonFieldEvent | QueueSnapshotDelayedDeadAtFieldEvent | QueueSnapshotLeasedIdFieldEvent | QueueSnapshotLeasedSeqFieldEvent | QueueSnapshotLeasedPayloadFieldEvent | QueueSnapshotLeasedProducerFieldEvent | QueueSnapshotLeasedEnqueuedAtFieldEvent | QueueSnapshotLeasedDelayUntilFieldEvent | QueueSnapshotLeasedMaxDeliveriesFieldEvent | QueueSnapshotLeasedAttemptFieldEvent | QueueSnapshotLeasedDeliveriesFieldEvent | QueueSnapshotLeasedLeaseConsumerFieldEvent | QueueSnapshotLeasedLeaseTermFieldEvent | QueueSnapshotLeasedLeaseAttemptFieldEvent | QueueSnapshotLeasedLeaseDeadlineFieldEvent | QueueSnapshotLeasedLeaseLeasedAtFieldEvent | QueueSnapshotLeasedHistoryAttemptFieldEvent | QueueSnapshotLeasedHistoryConsumerFieldEvent | QueueSnapshotLeasedHistoryTermFieldEvent | QueueSnapshotLeasedHistoryLeasedAtFieldEvent | QueueSnapshotLeasedHistoryDeadlineFieldEvent | QueueSnapshotLeasedHistoryEndedAtFieldEvent | QueueSnapshotLeasedHistoryOutcomeFieldEvent | QueueSnapshotLeasedDeadReasonFieldEvent | QueueSnapshotLeasedDeadAtFieldEvent | QueueSnapshotDeadIdFieldEvent | QueueSnapshotDeadSeqFieldEvent | QueueSnapshotDeadPayloadFieldEvent | QueueSnapshotDeadProducerFieldEvent | QueueSnapshotDeadEnqueuedAtFieldEvent | QueueSnapshotDeadDelayUntilFieldEvent | QueueSnapshotDeadMaxDeliveriesFieldEvent | QueueSnapshotDeadAttemptFieldEvent | QueueSnapshotDeadDeliveriesFieldEvent | QueueSnapshotDeadLeaseConsumerFieldEvent | QueueSnapshotDeadLeaseTermFieldEvent | QueueSnapshotDeadLeaseAttemptFieldEvent | QueueSnapshotDeadLeaseDeadlineFieldEvent | QueueSnapshotDeadLeaseLeasedAtFieldEvent | QueueSnapshotDeadHistoryAttemptFieldEvent | QueueSnapshotDeadHistoryConsumerFieldEvent | QueueSnapshotDeadHistoryTermFieldEvent | QueueSnapshotDeadHistoryLeasedAtFieldEvent | QueueSnapshotDeadHistoryDeadlineFieldEvent | QueueSnapshotDeadHistoryEndedAtFieldEvent | QueueSnapshotDeadHistoryOutcomeFieldEvent | QueueSnapshotDeadDeadReasonFieldEvent | QueueSnapshotDeadDeadAtFieldEvent | QueueSnapshotDedupIdFieldEvent | QueueSnapshotDedupSeqFieldEvent | QueueSnapshotDedupAtFieldEvent | QueueSnapshotAckedIdFieldEvent | QueueSnapshotAckedSeqFieldEvent | QueueSnapshotAckedConsumerFieldEvent | QueueSnapshotAckedTermFieldEvent | QueueSnapshotAckedAttemptFieldEvent | QueueSnapshotAckedAtFieldEvent | QueueSnapshotSessionsClientFieldEvent | QueueSnapshotSessionsFloorFieldEvent | QueueSnapshotSessionsLastSeenFieldEvent | QueueSnapshotSessionsResultsRequestIdFieldEvent | QueueSnapshotSessionsResultsJsonFieldEvent | QueueSnapshotTotalsPutFieldEvent | QueueSnapshotTotalsDuplicatesFieldEvent | QueueSnapshotTotalsRejectedFullFieldEvent | QueueSnapshotTotalsDeliveredFieldEvent | QueueSnapshotTotalsAckedFieldEvent | QueueSnapshotTotalsExpiredFieldEvent | QueueSnapshotTotalsNackedFieldEvent | QueueSnapshotTotalsDeadLetteredFieldEvent | QueueSnapshotTotalsDeadDroppedFieldEvent | QueueSnapshotTotalsStaleFieldEvent> {
    return streamMessage(buf, QueueSnapshot.codec(), opts)
  }
}

export interface ConfigRecord {
  maxLength: number
  maxBytes: number
  maxDeliveries: number
  dedupWindowMs: number
  maxDedupEntries: number
  maxDead: number
  sessionTtlMs: number
  maxSessions: number
  maxResultsPerClient: number
}

export namespace ConfigRecord {
  let _codec: Codec<ConfigRecord, Partial<ConfigRecord>>

  export const codec = (): Codec<ConfigRecord, Partial<ConfigRecord>> => {
    if (_codec == null) {
      _codec = message<ConfigRecord, Partial<ConfigRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.maxLength != null && obj.maxLength !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.maxLength)
        }

        if ((obj.maxBytes != null && obj.maxBytes !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.maxBytes)
        }

        if ((obj.maxDeliveries != null && obj.maxDeliveries !== 0)) {
          w.uint32(24)
          w.uint32(obj.maxDeliveries)
        }

        if ((obj.dedupWindowMs != null && obj.dedupWindowMs !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.dedupWindowMs)
        }

        if ((obj.maxDedupEntries != null && obj.maxDedupEntries !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.maxDedupEntries)
        }

        if ((obj.maxDead != null && obj.maxDead !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.maxDead)
        }

        if ((obj.sessionTtlMs != null && obj.sessionTtlMs !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.sessionTtlMs)
        }

        if ((obj.maxSessions != null && obj.maxSessions !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.maxSessions)
        }

        if ((obj.maxResultsPerClient != null && obj.maxResultsPerClient !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.maxResultsPerClient)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          maxLength: 0,
          maxBytes: 0,
          maxDeliveries: 0,
          dedupWindowMs: 0,
          maxDedupEntries: 0,
          maxDead: 0,
          sessionTtlMs: 0,
          maxSessions: 0,
          maxResultsPerClient: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.maxLength = reader.uint64Number()
              break
            }
            case 2: {
              obj.maxBytes = reader.uint64Number()
              break
            }
            case 3: {
              obj.maxDeliveries = reader.uint32()
              break
            }
            case 4: {
              obj.dedupWindowMs = reader.uint64Number()
              break
            }
            case 5: {
              obj.maxDedupEntries = reader.uint64Number()
              break
            }
            case 6: {
              obj.maxDead = reader.uint64Number()
              break
            }
            case 7: {
              obj.sessionTtlMs = reader.uint64Number()
              break
            }
            case 8: {
              obj.maxSessions = reader.uint64Number()
              break
            }
            case 9: {
              obj.maxResultsPerClient = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.maxLength`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.maxBytes`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.maxDeliveries`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.dedupWindowMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.maxDedupEntries`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.maxDead`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.sessionTtlMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.maxSessions`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.maxResultsPerClient`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ConfigRecordMaxLengthFieldEvent {
    field: '$.maxLength'
    value: number
  }

  export interface ConfigRecordMaxBytesFieldEvent {
    field: '$.maxBytes'
    value: number
  }

  export interface ConfigRecordMaxDeliveriesFieldEvent {
    field: '$.maxDeliveries'
    value: number
  }

  export interface ConfigRecordDedupWindowMsFieldEvent {
    field: '$.dedupWindowMs'
    value: number
  }

  export interface ConfigRecordMaxDedupEntriesFieldEvent {
    field: '$.maxDedupEntries'
    value: number
  }

  export interface ConfigRecordMaxDeadFieldEvent {
    field: '$.maxDead'
    value: number
  }

  export interface ConfigRecordSessionTtlMsFieldEvent {
    field: '$.sessionTtlMs'
    value: number
  }

  export interface ConfigRecordMaxSessionsFieldEvent {
    field: '$.maxSessions'
    value: number
  }

  export interface ConfigRecordMaxResultsPerClientFieldEvent {
    field: '$.maxResultsPerClient'
    value: number
  }

  export function encode (obj: Partial<ConfigRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ConfigRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ConfigRecord>): ConfigRecord {
    return decodeMessage(buf, ConfigRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ConfigRecord>): Generator<ConfigRecordMaxLengthFieldEvent | ConfigRecordMaxBytesFieldEvent | ConfigRecordMaxDeliveriesFieldEvent | ConfigRecordDedupWindowMsFieldEvent | ConfigRecordMaxDedupEntriesFieldEvent | ConfigRecordMaxDeadFieldEvent | ConfigRecordSessionTtlMsFieldEvent | ConfigRecordMaxSessionsFieldEvent | ConfigRecordMaxResultsPerClientFieldEvent> {
    return streamMessage(buf, ConfigRecord.codec(), opts)
  }
}

export interface LeaseRecord {
  consumer: string
  term: number
  attempt: number
  deadline: number
  leasedAt: number
}

export namespace LeaseRecord {
  let _codec: Codec<LeaseRecord, Partial<LeaseRecord>>

  export const codec = (): Codec<LeaseRecord, Partial<LeaseRecord>> => {
    if (_codec == null) {
      _codec = message<LeaseRecord, Partial<LeaseRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(10)
          w.string(obj.consumer)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.term)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(24)
          w.uint32(obj.attempt)
        }

        if ((obj.deadline != null && obj.deadline !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.deadline)
        }

        if ((obj.leasedAt != null && obj.leasedAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.leasedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          consumer: '',
          term: 0,
          attempt: 0,
          deadline: 0,
          leasedAt: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.consumer = reader.string()
              break
            }
            case 2: {
              obj.term = reader.uint64Number()
              break
            }
            case 3: {
              obj.attempt = reader.uint32()
              break
            }
            case 4: {
              obj.deadline = reader.uint64Number()
              break
            }
            case 5: {
              obj.leasedAt = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.deadline`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.leasedAt`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LeaseRecordConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface LeaseRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface LeaseRecordAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface LeaseRecordDeadlineFieldEvent {
    field: '$.deadline'
    value: number
  }

  export interface LeaseRecordLeasedAtFieldEvent {
    field: '$.leasedAt'
    value: number
  }

  export function encode (obj: Partial<LeaseRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaseRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<LeaseRecord>): LeaseRecord {
    return decodeMessage(buf, LeaseRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<LeaseRecord>): Generator<LeaseRecordConsumerFieldEvent | LeaseRecordTermFieldEvent | LeaseRecordAttemptFieldEvent | LeaseRecordDeadlineFieldEvent | LeaseRecordLeasedAtFieldEvent> {
    return streamMessage(buf, LeaseRecord.codec(), opts)
  }
}

export interface DeliveryRecord {
  attempt: number
  consumer: string
  term: number
  leasedAt: number
  deadline: number
  endedAt: number
  outcome: string
}

export namespace DeliveryRecord {
  let _codec: Codec<DeliveryRecord, Partial<DeliveryRecord>>

  export const codec = (): Codec<DeliveryRecord, Partial<DeliveryRecord>> => {
    if (_codec == null) {
      _codec = message<DeliveryRecord, Partial<DeliveryRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(8)
          w.uint32(obj.attempt)
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(18)
          w.string(obj.consumer)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.term)
        }

        if ((obj.leasedAt != null && obj.leasedAt !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.leasedAt)
        }

        if ((obj.deadline != null && obj.deadline !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.deadline)
        }

        if ((obj.endedAt != null && obj.endedAt !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.endedAt)
        }

        if ((obj.outcome != null && obj.outcome !== '')) {
          w.uint32(58)
          w.string(obj.outcome)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          attempt: 0,
          consumer: '',
          term: 0,
          leasedAt: 0,
          deadline: 0,
          endedAt: 0,
          outcome: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.attempt = reader.uint32()
              break
            }
            case 2: {
              obj.consumer = reader.string()
              break
            }
            case 3: {
              obj.term = reader.uint64Number()
              break
            }
            case 4: {
              obj.leasedAt = reader.uint64Number()
              break
            }
            case 5: {
              obj.deadline = reader.uint64Number()
              break
            }
            case 6: {
              obj.endedAt = reader.uint64Number()
              break
            }
            case 7: {
              obj.outcome = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.leasedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.deadline`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.endedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.outcome`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DeliveryRecordAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface DeliveryRecordConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface DeliveryRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface DeliveryRecordLeasedAtFieldEvent {
    field: '$.leasedAt'
    value: number
  }

  export interface DeliveryRecordDeadlineFieldEvent {
    field: '$.deadline'
    value: number
  }

  export interface DeliveryRecordEndedAtFieldEvent {
    field: '$.endedAt'
    value: number
  }

  export interface DeliveryRecordOutcomeFieldEvent {
    field: '$.outcome'
    value: string
  }

  export function encode (obj: Partial<DeliveryRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliveryRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DeliveryRecord>): DeliveryRecord {
    return decodeMessage(buf, DeliveryRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DeliveryRecord>): Generator<DeliveryRecordAttemptFieldEvent | DeliveryRecordConsumerFieldEvent | DeliveryRecordTermFieldEvent | DeliveryRecordLeasedAtFieldEvent | DeliveryRecordDeadlineFieldEvent | DeliveryRecordEndedAtFieldEvent | DeliveryRecordOutcomeFieldEvent> {
    return streamMessage(buf, DeliveryRecord.codec(), opts)
  }
}

export interface MessageRecord {
  id: string
  seq: number
  payload: Uint8Array<ArrayBuffer>
  producer: string
  enqueuedAt: number
  delayUntil: number
  maxDeliveries?: number
  attempt: number
  deliveries: number
  lease?: LeaseRecord
  history: DeliveryRecord[]
  deadReason: string
  deadAt: number
}

export namespace MessageRecord {
  let _codec: Codec<MessageRecord, Partial<MessageRecord>>

  export const codec = (): Codec<MessageRecord, Partial<MessageRecord>> => {
    if (_codec == null) {
      _codec = message<MessageRecord, Partial<MessageRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.payload != null && obj.payload.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.payload)
        }

        if ((obj.producer != null && obj.producer !== '')) {
          w.uint32(34)
          w.string(obj.producer)
        }

        if ((obj.enqueuedAt != null && obj.enqueuedAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.enqueuedAt)
        }

        if ((obj.delayUntil != null && obj.delayUntil !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.delayUntil)
        }

        if (obj.maxDeliveries != null) {
          w.uint32(56)
          w.uint32(obj.maxDeliveries)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(64)
          w.uint32(obj.attempt)
        }

        if ((obj.deliveries != null && obj.deliveries !== 0)) {
          w.uint32(72)
          w.uint32(obj.deliveries)
        }

        if (obj.lease != null) {
          w.uint32(82)
          LeaseRecord.codec().encode(obj.lease, w)
        }

        if (obj.history != null && obj.history.length > 0) {
          for (const value of obj.history) {
            w.uint32(90)
            DeliveryRecord.codec().encode(value, w)
          }
        }

        if ((obj.deadReason != null && obj.deadReason !== '')) {
          w.uint32(98)
          w.string(obj.deadReason)
        }

        if ((obj.deadAt != null && obj.deadAt !== 0)) {
          w.uint32(104)
          w.uint64Number(obj.deadAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          payload: uint8ArrayAlloc(0),
          producer: '',
          enqueuedAt: 0,
          delayUntil: 0,
          attempt: 0,
          deliveries: 0,
          history: [],
          deadReason: '',
          deadAt: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.payload = reader.bytes()
              break
            }
            case 4: {
              obj.producer = reader.string()
              break
            }
            case 5: {
              obj.enqueuedAt = reader.uint64Number()
              break
            }
            case 6: {
              obj.delayUntil = reader.uint64Number()
              break
            }
            case 7: {
              obj.maxDeliveries = reader.uint32()
              break
            }
            case 8: {
              obj.attempt = reader.uint32()
              break
            }
            case 9: {
              obj.deliveries = reader.uint32()
              break
            }
            case 10: {
              obj.lease = LeaseRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lease
              })
              break
            }
            case 11: {
              if (opts.limits?.history != null && obj.history.length === opts.limits.history) {
                throw new MaxLengthError('Decode error - repeated field "history" had too many elements')
              }

              obj.history.push(DeliveryRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.history$
              }))
              break
            }
            case 12: {
              obj.deadReason = reader.string()
              break
            }
            case 13: {
              obj.deadAt = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          history: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.payload`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.producer`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.enqueuedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.delayUntil`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.maxDeliveries`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.deliveries`,
                value: reader.uint32()
              }
              break
            }
            case 10: {
              yield * LeaseRecord.codec().stream(reader, reader.uint32(), `${prefix}.lease`, {
                limits: opts.limits?.lease
              })

              break
            }
            case 11: {
              if (opts.limits?.history != null && obj.history === opts.limits.history) {
                throw new MaxLengthError('Streaming decode error - repeated field "history" had too many elements')
              }

              for (const evt of DeliveryRecord.codec().stream(reader, reader.uint32(), `${prefix}.history[]`, {
                limits: opts.limits?.history$
              })) {
                yield {
                  ...evt,
                  index: obj.history
                }
              }

              obj.history++

              break
            }
            case 12: {
              yield {
                field: `${prefix}.deadReason`,
                value: reader.string()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.deadAt`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MessageRecordIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface MessageRecordSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface MessageRecordPayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MessageRecordProducerFieldEvent {
    field: '$.producer'
    value: string
  }

  export interface MessageRecordEnqueuedAtFieldEvent {
    field: '$.enqueuedAt'
    value: number
  }

  export interface MessageRecordDelayUntilFieldEvent {
    field: '$.delayUntil'
    value: number
  }

  export interface MessageRecordMaxDeliveriesFieldEvent {
    field: '$.maxDeliveries'
    value: number
  }

  export interface MessageRecordAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface MessageRecordDeliveriesFieldEvent {
    field: '$.deliveries'
    value: number
  }

  export interface MessageRecordLeaseConsumerFieldEvent {
    field: '$.lease.consumer'
    value: string
  }

  export interface MessageRecordLeaseTermFieldEvent {
    field: '$.lease.term'
    value: number
  }

  export interface MessageRecordLeaseAttemptFieldEvent {
    field: '$.lease.attempt'
    value: number
  }

  export interface MessageRecordLeaseDeadlineFieldEvent {
    field: '$.lease.deadline'
    value: number
  }

  export interface MessageRecordLeaseLeasedAtFieldEvent {
    field: '$.lease.leasedAt'
    value: number
  }

  export interface MessageRecordHistoryAttemptFieldEvent {
    field: '$.history[].attempt'
    value: number
    index: number
  }

  export interface MessageRecordHistoryConsumerFieldEvent {
    field: '$.history[].consumer'
    value: string
    index: number
  }

  export interface MessageRecordHistoryTermFieldEvent {
    field: '$.history[].term'
    value: number
    index: number
  }

  export interface MessageRecordHistoryLeasedAtFieldEvent {
    field: '$.history[].leasedAt'
    value: number
    index: number
  }

  export interface MessageRecordHistoryDeadlineFieldEvent {
    field: '$.history[].deadline'
    value: number
    index: number
  }

  export interface MessageRecordHistoryEndedAtFieldEvent {
    field: '$.history[].endedAt'
    value: number
    index: number
  }

  export interface MessageRecordHistoryOutcomeFieldEvent {
    field: '$.history[].outcome'
    value: string
    index: number
  }

  export interface MessageRecordDeadReasonFieldEvent {
    field: '$.deadReason'
    value: string
  }

  export interface MessageRecordDeadAtFieldEvent {
    field: '$.deadAt'
    value: number
  }

  export function encode (obj: Partial<MessageRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MessageRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<MessageRecord>): MessageRecord {
    return decodeMessage(buf, MessageRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<MessageRecord>): Generator<MessageRecordIdFieldEvent | MessageRecordSeqFieldEvent | MessageRecordPayloadFieldEvent | MessageRecordProducerFieldEvent | MessageRecordEnqueuedAtFieldEvent | MessageRecordDelayUntilFieldEvent | MessageRecordMaxDeliveriesFieldEvent | MessageRecordAttemptFieldEvent | MessageRecordDeliveriesFieldEvent | MessageRecordLeaseConsumerFieldEvent | MessageRecordLeaseTermFieldEvent | MessageRecordLeaseAttemptFieldEvent | MessageRecordLeaseDeadlineFieldEvent | MessageRecordLeaseLeasedAtFieldEvent | MessageRecordHistoryAttemptFieldEvent | MessageRecordHistoryConsumerFieldEvent | MessageRecordHistoryTermFieldEvent | MessageRecordHistoryLeasedAtFieldEvent | MessageRecordHistoryDeadlineFieldEvent | MessageRecordHistoryEndedAtFieldEvent | MessageRecordHistoryOutcomeFieldEvent | MessageRecordDeadReasonFieldEvent | MessageRecordDeadAtFieldEvent> {
    return streamMessage(buf, MessageRecord.codec(), opts)
  }
}

export interface DedupRecord {
  id: string
  seq: number
  at: number
}

export namespace DedupRecord {
  let _codec: Codec<DedupRecord, Partial<DedupRecord>>

  export const codec = (): Codec<DedupRecord, Partial<DedupRecord>> => {
    if (_codec == null) {
      _codec = message<DedupRecord, Partial<DedupRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.at != null && obj.at !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.at)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          at: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.at = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.at`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DedupRecordIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface DedupRecordSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface DedupRecordAtFieldEvent {
    field: '$.at'
    value: number
  }

  export function encode (obj: Partial<DedupRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DedupRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DedupRecord>): DedupRecord {
    return decodeMessage(buf, DedupRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DedupRecord>): Generator<DedupRecordIdFieldEvent | DedupRecordSeqFieldEvent | DedupRecordAtFieldEvent> {
    return streamMessage(buf, DedupRecord.codec(), opts)
  }
}

export interface AckedRecord {
  id: string
  seq: number
  consumer: string
  term: number
  attempt: number
  at: number
}

export namespace AckedRecord {
  let _codec: Codec<AckedRecord, Partial<AckedRecord>>

  export const codec = (): Codec<AckedRecord, Partial<AckedRecord>> => {
    if (_codec == null) {
      _codec = message<AckedRecord, Partial<AckedRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(26)
          w.string(obj.consumer)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(40)
          w.uint32(obj.attempt)
        }

        if ((obj.at != null && obj.at !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.at)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          consumer: '',
          term: 0,
          attempt: 0,
          at: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.consumer = reader.string()
              break
            }
            case 4: {
              obj.term = reader.uint64Number()
              break
            }
            case 5: {
              obj.attempt = reader.uint32()
              break
            }
            case 6: {
              obj.at = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.consumer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.at`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AckedRecordIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface AckedRecordSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface AckedRecordConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface AckedRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface AckedRecordAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface AckedRecordAtFieldEvent {
    field: '$.at'
    value: number
  }

  export function encode (obj: Partial<AckedRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AckedRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<AckedRecord>): AckedRecord {
    return decodeMessage(buf, AckedRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<AckedRecord>): Generator<AckedRecordIdFieldEvent | AckedRecordSeqFieldEvent | AckedRecordConsumerFieldEvent | AckedRecordTermFieldEvent | AckedRecordAttemptFieldEvent | AckedRecordAtFieldEvent> {
    return streamMessage(buf, AckedRecord.codec(), opts)
  }
}

export interface CachedResult {
  requestId: number
  json: string
}

export namespace CachedResult {
  let _codec: Codec<CachedResult, Partial<CachedResult>>

  export const codec = (): Codec<CachedResult, Partial<CachedResult>> => {
    if (_codec == null) {
      _codec = message<CachedResult, Partial<CachedResult>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.requestId)
        }

        if ((obj.json != null && obj.json !== '')) {
          w.uint32(18)
          w.string(obj.json)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          requestId: 0,
          json: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.requestId = reader.uint64Number()
              break
            }
            case 2: {
              obj.json = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.requestId`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.json`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CachedResultRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export interface CachedResultJsonFieldEvent {
    field: '$.json'
    value: string
  }

  export function encode (obj: Partial<CachedResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CachedResult.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<CachedResult>): CachedResult {
    return decodeMessage(buf, CachedResult.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<CachedResult>): Generator<CachedResultRequestIdFieldEvent | CachedResultJsonFieldEvent> {
    return streamMessage(buf, CachedResult.codec(), opts)
  }
}

export interface SessionRecord {
  client: string
  floor: number
  lastSeen: number
  results: CachedResult[]
}

export namespace SessionRecord {
  let _codec: Codec<SessionRecord, Partial<SessionRecord>>

  export const codec = (): Codec<SessionRecord, Partial<SessionRecord>> => {
    if (_codec == null) {
      _codec = message<SessionRecord, Partial<SessionRecord>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.client != null && obj.client !== '')) {
          w.uint32(10)
          w.string(obj.client)
        }

        if ((obj.floor != null && obj.floor !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.floor)
        }

        if ((obj.lastSeen != null && obj.lastSeen !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.lastSeen)
        }

        if (obj.results != null && obj.results.length > 0) {
          for (const value of obj.results) {
            w.uint32(34)
            CachedResult.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          client: '',
          floor: 0,
          lastSeen: 0,
          results: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.client = reader.string()
              break
            }
            case 2: {
              obj.floor = reader.uint64Number()
              break
            }
            case 3: {
              obj.lastSeen = reader.uint64Number()
              break
            }
            case 4: {
              if (opts.limits?.results != null && obj.results.length === opts.limits.results) {
                throw new MaxLengthError('Decode error - repeated field "results" had too many elements')
              }

              obj.results.push(CachedResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.results$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          results: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.client`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.floor`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.lastSeen`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              if (opts.limits?.results != null && obj.results === opts.limits.results) {
                throw new MaxLengthError('Streaming decode error - repeated field "results" had too many elements')
              }

              for (const evt of CachedResult.codec().stream(reader, reader.uint32(), `${prefix}.results[]`, {
                limits: opts.limits?.results$
              })) {
                yield {
                  ...evt,
                  index: obj.results
                }
              }

              obj.results++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface SessionRecordClientFieldEvent {
    field: '$.client'
    value: string
  }

  export interface SessionRecordFloorFieldEvent {
    field: '$.floor'
    value: number
  }

  export interface SessionRecordLastSeenFieldEvent {
    field: '$.lastSeen'
    value: number
  }

  export interface SessionRecordResultsRequestIdFieldEvent {
    field: '$.results[].requestId'
    value: number
    index: number
  }

  export interface SessionRecordResultsJsonFieldEvent {
    field: '$.results[].json'
    value: string
    index: number
  }

  export function encode (obj: Partial<SessionRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionRecord.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<SessionRecord>): SessionRecord {
    return decodeMessage(buf, SessionRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<SessionRecord>): Generator<SessionRecordClientFieldEvent | SessionRecordFloorFieldEvent | SessionRecordLastSeenFieldEvent | SessionRecordResultsRequestIdFieldEvent | SessionRecordResultsJsonFieldEvent> {
    return streamMessage(buf, SessionRecord.codec(), opts)
  }
}

export interface Totals {
  put: number
  duplicates: number
  rejectedFull: number
  delivered: number
  acked: number
  expired: number
  nacked: number
  deadLettered: number
  deadDropped: number
  stale: number
}

export namespace Totals {
  let _codec: Codec<Totals, Partial<Totals>>

  export const codec = (): Codec<Totals, Partial<Totals>> => {
    if (_codec == null) {
      _codec = message<Totals, Partial<Totals>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.put != null && obj.put !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.put)
        }

        if ((obj.duplicates != null && obj.duplicates !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.duplicates)
        }

        if ((obj.rejectedFull != null && obj.rejectedFull !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.rejectedFull)
        }

        if ((obj.delivered != null && obj.delivered !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.delivered)
        }

        if ((obj.acked != null && obj.acked !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.acked)
        }

        if ((obj.expired != null && obj.expired !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.expired)
        }

        if ((obj.nacked != null && obj.nacked !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.nacked)
        }

        if ((obj.deadLettered != null && obj.deadLettered !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.deadLettered)
        }

        if ((obj.deadDropped != null && obj.deadDropped !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.deadDropped)
        }

        if ((obj.stale != null && obj.stale !== 0)) {
          w.uint32(80)
          w.uint64Number(obj.stale)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          put: 0,
          duplicates: 0,
          rejectedFull: 0,
          delivered: 0,
          acked: 0,
          expired: 0,
          nacked: 0,
          deadLettered: 0,
          deadDropped: 0,
          stale: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.put = reader.uint64Number()
              break
            }
            case 2: {
              obj.duplicates = reader.uint64Number()
              break
            }
            case 3: {
              obj.rejectedFull = reader.uint64Number()
              break
            }
            case 4: {
              obj.delivered = reader.uint64Number()
              break
            }
            case 5: {
              obj.acked = reader.uint64Number()
              break
            }
            case 6: {
              obj.expired = reader.uint64Number()
              break
            }
            case 7: {
              obj.nacked = reader.uint64Number()
              break
            }
            case 8: {
              obj.deadLettered = reader.uint64Number()
              break
            }
            case 9: {
              obj.deadDropped = reader.uint64Number()
              break
            }
            case 10: {
              obj.stale = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.put`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.duplicates`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.rejectedFull`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.delivered`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.acked`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.expired`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.nacked`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.deadLettered`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.deadDropped`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.stale`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TotalsPutFieldEvent {
    field: '$.put'
    value: number
  }

  export interface TotalsDuplicatesFieldEvent {
    field: '$.duplicates'
    value: number
  }

  export interface TotalsRejectedFullFieldEvent {
    field: '$.rejectedFull'
    value: number
  }

  export interface TotalsDeliveredFieldEvent {
    field: '$.delivered'
    value: number
  }

  export interface TotalsAckedFieldEvent {
    field: '$.acked'
    value: number
  }

  export interface TotalsExpiredFieldEvent {
    field: '$.expired'
    value: number
  }

  export interface TotalsNackedFieldEvent {
    field: '$.nacked'
    value: number
  }

  export interface TotalsDeadLetteredFieldEvent {
    field: '$.deadLettered'
    value: number
  }

  export interface TotalsDeadDroppedFieldEvent {
    field: '$.deadDropped'
    value: number
  }

  export interface TotalsStaleFieldEvent {
    field: '$.stale'
    value: number
  }

  export function encode (obj: Partial<Totals>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Totals.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Totals>): Totals {
    return decodeMessage(buf, Totals.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Totals>): Generator<TotalsPutFieldEvent | TotalsDuplicatesFieldEvent | TotalsRejectedFullFieldEvent | TotalsDeliveredFieldEvent | TotalsAckedFieldEvent | TotalsExpiredFieldEvent | TotalsNackedFieldEvent | TotalsDeadLetteredFieldEvent | TotalsDeadDroppedFieldEvent | TotalsStaleFieldEvent> {
    return streamMessage(buf, Totals.codec(), opts)
  }
}
