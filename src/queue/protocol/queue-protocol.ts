// Generated from queue-protocol.proto by ./regen.sh (protons 9, adapted to protons-runtime 8). Do not edit.
/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'

export interface QueueFrame {
  request?: Request
  response?: Response
  push?: Push
}

export namespace QueueFrame {
  let _codec: Codec<QueueFrame, Partial<QueueFrame>>

  export const codec = (): Codec<QueueFrame, Partial<QueueFrame>> => {
    if (_codec == null) {
      _codec = message<QueueFrame, Partial<QueueFrame>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.push != null) {
          obj.response = undefined
          obj.request = undefined
        }

        if (obj.response != null) {
          obj.push = undefined
          obj.request = undefined
        }

        if (obj.request != null) {
          obj.push = undefined
          obj.response = undefined
        }

        if (obj.request != null) {
          w.uint32(10)
          Request.codec().encode(obj.request, w)
        }

        if (obj.response != null) {
          w.uint32(18)
          Response.codec().encode(obj.response, w)
        }

        if (obj.push != null) {
          w.uint32(26)
          Push.codec().encode(obj.push, w)
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
              obj.request = Request.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 2: {
              obj.response = Response.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.response
              })
              break
            }
            case 3: {
              obj.push = Push.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.push
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.push != null) {
          delete obj.response
          delete obj.request
        }

        if (obj.response != null) {
          delete obj.push
          delete obj.request
        }

        if (obj.request != null) {
          delete obj.push
          delete obj.response
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Request.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 2: {
              yield * Response.codec().stream(reader, reader.uint32(), `${prefix}.response`, {
                limits: opts.limits?.response
              })

              break
            }
            case 3: {
              yield * Push.codec().stream(reader, reader.uint32(), `${prefix}.push`, {
                limits: opts.limits?.push
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

  export interface QueueFrameRequestRidFieldEvent {
    field: '$.request.rid'
    value: number
  }

  export interface QueueFrameRequestQueueFieldEvent {
    field: '$.request.queue'
    value: string
  }

  export interface QueueFrameRequestClientFieldEvent {
    field: '$.request.client'
    value: string
  }

  export interface QueueFrameRequestRequestIdFieldEvent {
    field: '$.request.requestId'
    value: number
  }

  export interface QueueFrameRequestFirstIncompleteFieldEvent {
    field: '$.request.firstIncomplete'
    value: number
  }

  export interface QueueFrameRequestPutItemsIdFieldEvent {
    field: '$.request.put.items[].id'
    value: string
    index: number
  }

  export interface QueueFrameRequestPutItemsPayloadFieldEvent {
    field: '$.request.put.items[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueFrameRequestPutItemsDelayMsFieldEvent {
    field: '$.request.put.items[].delayMs'
    value: number
    index: number
  }

  export interface QueueFrameRequestAckIdFieldEvent {
    field: '$.request.ack.id'
    value: string
  }

  export interface QueueFrameRequestAckSeqFieldEvent {
    field: '$.request.ack.seq'
    value: number
  }

  export interface QueueFrameRequestAckConsumerFieldEvent {
    field: '$.request.ack.consumer'
    value: string
  }

  export interface QueueFrameRequestAckTermFieldEvent {
    field: '$.request.ack.term'
    value: number
  }

  export interface QueueFrameRequestAckAttemptFieldEvent {
    field: '$.request.ack.attempt'
    value: number
  }

  export interface QueueFrameRequestNackFenceIdFieldEvent {
    field: '$.request.nack.fence.id'
    value: string
  }

  export interface QueueFrameRequestNackFenceSeqFieldEvent {
    field: '$.request.nack.fence.seq'
    value: number
  }

  export interface QueueFrameRequestNackFenceConsumerFieldEvent {
    field: '$.request.nack.fence.consumer'
    value: string
  }

  export interface QueueFrameRequestNackFenceTermFieldEvent {
    field: '$.request.nack.fence.term'
    value: number
  }

  export interface QueueFrameRequestNackFenceAttemptFieldEvent {
    field: '$.request.nack.fence.attempt'
    value: number
  }

  export interface QueueFrameRequestNackDelayMsFieldEvent {
    field: '$.request.nack.delayMs'
    value: number
  }

  export interface QueueFrameRequestNackDeadLetterFieldEvent {
    field: '$.request.nack.deadLetter'
    value: boolean
  }

  export interface QueueFrameRequestExtendFenceIdFieldEvent {
    field: '$.request.extend.fence.id'
    value: string
  }

  export interface QueueFrameRequestExtendFenceSeqFieldEvent {
    field: '$.request.extend.fence.seq'
    value: number
  }

  export interface QueueFrameRequestExtendFenceConsumerFieldEvent {
    field: '$.request.extend.fence.consumer'
    value: string
  }

  export interface QueueFrameRequestExtendFenceTermFieldEvent {
    field: '$.request.extend.fence.term'
    value: number
  }

  export interface QueueFrameRequestExtendFenceAttemptFieldEvent {
    field: '$.request.extend.fence.attempt'
    value: number
  }

  export interface QueueFrameRequestExtendMsFieldEvent {
    field: '$.request.extend.ms'
    value: number
  }

  export interface QueueFrameRequestDeadListLimitFieldEvent {
    field: '$.request.deadList.limit'
    value: number
  }

  export interface QueueFrameRequestRequeueIdsFieldEvent {
    field: '$.request.requeue.ids[]'
    index: number
    value: string
  }

  export interface QueueFrameRequestRequeueAllFieldEvent {
    field: '$.request.requeue.all'
    value: boolean
  }

  export interface QueueFrameRequestConsumeSessionFieldEvent {
    field: '$.request.consume.session'
    value: number
  }

  export interface QueueFrameRequestConsumeCreditFieldEvent {
    field: '$.request.consume.credit'
    value: number
  }

  export interface QueueFrameRequestConsumeConsumerFieldEvent {
    field: '$.request.consume.consumer'
    value: string
  }

  export interface QueueFrameRequestConsumePrefetchFieldEvent {
    field: '$.request.consume.prefetch'
    value: number
  }

  export interface QueueFrameRequestCreditSessionFieldEvent {
    field: '$.request.credit.session'
    value: number
  }

  export interface QueueFrameRequestCreditCreditFieldEvent {
    field: '$.request.credit.credit'
    value: number
  }

  export interface QueueFrameRequestCloseSessionFieldEvent {
    field: '$.request.close.session'
    value: number
  }

  export interface QueueFrameRequestWaitAckIdFieldEvent {
    field: '$.request.waitAck.id'
    value: string
  }

  export interface QueueFrameRequestWaitAckSeqFieldEvent {
    field: '$.request.waitAck.seq'
    value: number
  }

  export interface QueueFrameRequestAcksFencesIdFieldEvent {
    field: '$.request.acks.fences[].id'
    value: string
    index: number
  }

  export interface QueueFrameRequestAcksFencesSeqFieldEvent {
    field: '$.request.acks.fences[].seq'
    value: number
    index: number
  }

  export interface QueueFrameRequestAcksFencesConsumerFieldEvent {
    field: '$.request.acks.fences[].consumer'
    value: string
    index: number
  }

  export interface QueueFrameRequestAcksFencesTermFieldEvent {
    field: '$.request.acks.fences[].term'
    value: number
    index: number
  }

  export interface QueueFrameRequestAcksFencesAttemptFieldEvent {
    field: '$.request.acks.fences[].attempt'
    value: number
    index: number
  }

  export interface QueueFrameRequestAcksSessionFieldEvent {
    field: '$.request.acks.session'
    value: number
  }

  export interface QueueFrameResponseRidFieldEvent {
    field: '$.response.rid'
    value: number
  }

  export interface QueueFrameResponseErrorCodeFieldEvent {
    field: '$.response.error.code'
    value: string
  }

  export interface QueueFrameResponseErrorMessageFieldEvent {
    field: '$.response.error.message'
    value: string
  }

  export interface QueueFrameResponseErrorLeaderHintFieldEvent {
    field: '$.response.error.leaderHint'
    value: string
  }

  export interface QueueFrameResponsePutsIdFieldEvent {
    field: '$.response.puts[].id'
    value: string
    index: number
  }

  export interface QueueFrameResponsePutsStatusFieldEvent {
    field: '$.response.puts[].status'
    value: string
    index: number
  }

  export interface QueueFrameResponsePutsSeqFieldEvent {
    field: '$.response.puts[].seq'
    value: number
    index: number
  }

  export interface QueueFrameResponsePutsDuplicateFieldEvent {
    field: '$.response.puts[].duplicate'
    value: boolean
    index: number
  }

  export interface QueueFrameResponsePutsReasonFieldEvent {
    field: '$.response.puts[].reason'
    value: string
    index: number
  }

  export interface QueueFrameResponseFenceStatusFieldEvent {
    field: '$.response.fence.status'
    value: string
  }

  export interface QueueFrameResponseFenceReasonFieldEvent {
    field: '$.response.fence.reason'
    value: string
  }

  export interface QueueFrameResponseFenceDeadlineFieldEvent {
    field: '$.response.fence.deadline'
    value: number
  }

  export interface QueueFrameResponseFenceCreditedFieldEvent {
    field: '$.response.fence.credited'
    value: boolean
  }

  export interface QueueFrameResponseStatsReadyFieldEvent {
    field: '$.response.stats.ready'
    value: number
  }

  export interface QueueFrameResponseStatsLeasedFieldEvent {
    field: '$.response.stats.leased'
    value: number
  }

  export interface QueueFrameResponseStatsDelayedFieldEvent {
    field: '$.response.stats.delayed'
    value: number
  }

  export interface QueueFrameResponseStatsDeadFieldEvent {
    field: '$.response.stats.dead'
    value: number
  }

  export interface QueueFrameResponseStatsBytesFieldEvent {
    field: '$.response.stats.bytes'
    value: number
  }

  export interface QueueFrameResponseStatsOwnerFieldEvent {
    field: '$.response.stats.owner'
    value: string
  }

  export interface QueueFrameResponseStatsReplicasFieldEvent {
    field: '$.response.stats.replicas[]'
    index: number
    value: string
  }

  export interface QueueFrameResponseStatsTermFieldEvent {
    field: '$.response.stats.term'
    value: number
  }

  export interface QueueFrameResponseStatsCommitIndexFieldEvent {
    field: '$.response.stats.commitIndex'
    value: number
  }

  export interface QueueFrameResponseStatsAppliedIndexFieldEvent {
    field: '$.response.stats.appliedIndex'
    value: number
  }

  export interface QueueFrameResponseStatsCommitLagFieldEvent {
    field: '$.response.stats.commitLag'
    value: number
  }

  export interface QueueFrameResponseStatsTotalPutFieldEvent {
    field: '$.response.stats.totalPut'
    value: number
  }

  export interface QueueFrameResponseStatsTotalAckedFieldEvent {
    field: '$.response.stats.totalAcked'
    value: number
  }

  export interface QueueFrameResponseStatsTotalDeliveredFieldEvent {
    field: '$.response.stats.totalDelivered'
    value: number
  }

  export interface QueueFrameResponseStatsTotalExpiredFieldEvent {
    field: '$.response.stats.totalExpired'
    value: number
  }

  export interface QueueFrameResponseStatsTotalDeadLetteredFieldEvent {
    field: '$.response.stats.totalDeadLettered'
    value: number
  }

  export interface QueueFrameResponseStatsConsumersFieldEvent {
    field: '$.response.stats.consumers'
    value: number
  }

  export interface QueueFrameResponseDeadIdFieldEvent {
    field: '$.response.dead[].id'
    value: string
    index: number
  }

  export interface QueueFrameResponseDeadPayloadFieldEvent {
    field: '$.response.dead[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueFrameResponseDeadReasonFieldEvent {
    field: '$.response.dead[].reason'
    value: string
    index: number
  }

  export interface QueueFrameResponseDeadAttemptFieldEvent {
    field: '$.response.dead[].attempt'
    value: number
    index: number
  }

  export interface QueueFrameResponseDeadDeadAtFieldEvent {
    field: '$.response.dead[].deadAt'
    value: number
    index: number
  }

  export interface QueueFrameResponseDeadEnqueuedAtFieldEvent {
    field: '$.response.dead[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueFrameResponseRequeueRequeuedFieldEvent {
    field: '$.response.requeue.requeued[]'
    index: number
    value: string
  }

  export interface QueueFrameResponseRequeueMissingFieldEvent {
    field: '$.response.requeue.missing[]'
    index: number
    value: string
  }

  export interface QueueFrameResponseFencesStatusFieldEvent {
    field: '$.response.fences[].status'
    value: string
    index: number
  }

  export interface QueueFrameResponseFencesReasonFieldEvent {
    field: '$.response.fences[].reason'
    value: string
    index: number
  }

  export interface QueueFrameResponseFencesDeadlineFieldEvent {
    field: '$.response.fences[].deadline'
    value: number
    index: number
  }

  export interface QueueFrameResponseFencesCreditedFieldEvent {
    field: '$.response.fences[].credited'
    value: boolean
    index: number
  }

  export interface QueueFramePushSessionFieldEvent {
    field: '$.push.session'
    value: number
  }

  export interface QueueFramePushQueueFieldEvent {
    field: '$.push.queue'
    value: string
  }

  export interface QueueFramePushDeliveriesFenceIdFieldEvent {
    field: '$.push.deliveries[].fence.id'
    value: string
    index: number
  }

  export interface QueueFramePushDeliveriesFenceSeqFieldEvent {
    field: '$.push.deliveries[].fence.seq'
    value: number
    index: number
  }

  export interface QueueFramePushDeliveriesFenceConsumerFieldEvent {
    field: '$.push.deliveries[].fence.consumer'
    value: string
    index: number
  }

  export interface QueueFramePushDeliveriesFenceTermFieldEvent {
    field: '$.push.deliveries[].fence.term'
    value: number
    index: number
  }

  export interface QueueFramePushDeliveriesFenceAttemptFieldEvent {
    field: '$.push.deliveries[].fence.attempt'
    value: number
    index: number
  }

  export interface QueueFramePushDeliveriesDeadlineFieldEvent {
    field: '$.push.deliveries[].deadline'
    value: number
    index: number
  }

  export interface QueueFramePushDeliveriesPayloadFieldEvent {
    field: '$.push.deliveries[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface QueueFramePushDeliveriesEnqueuedAtFieldEvent {
    field: '$.push.deliveries[].enqueuedAt'
    value: number
    index: number
  }

  export interface QueueFramePushClosedFieldEvent {
    field: '$.push.closed'
    value: boolean
  }

  export interface QueueFramePushReasonFieldEvent {
    field: '$.push.reason'
    value: string
  }

  export interface QueueFramePushLeaderHintFieldEvent {
    field: '$.push.leaderHint'
    value: string
  }

  export function encode (obj: Partial<QueueFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, QueueFrame.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<QueueFrame>): QueueFrame {
    return decodeMessage(buf, QueueFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<QueueFrame>): Generator<QueueFrameRequestRidFieldEvent | QueueFrameRequestQueueFieldEvent | QueueFrameRequestClientFieldEvent | QueueFrameRequestRequestIdFieldEvent | QueueFrameRequestFirstIncompleteFieldEvent | QueueFrameRequestPutItemsIdFieldEvent | QueueFrameRequestPutItemsPayloadFieldEvent | QueueFrameRequestPutItemsDelayMsFieldEvent | QueueFrameRequestAckIdFieldEvent | QueueFrameRequestAckSeqFieldEvent | QueueFrameRequestAckConsumerFieldEvent | QueueFrameRequestAckTermFieldEvent | QueueFrameRequestAckAttemptFieldEvent | QueueFrameRequestNackFenceIdFieldEvent | QueueFrameRequestNackFenceSeqFieldEvent | QueueFrameRequestNackFenceConsumerFieldEvent | QueueFrameRequestNackFenceTermFieldEvent | QueueFrameRequestNackFenceAttemptFieldEvent | QueueFrameRequestNackDelayMsFieldEvent | QueueFrameRequestNackDeadLetterFieldEvent | QueueFrameRequestExtendFenceIdFieldEvent | QueueFrameRequestExtendFenceSeqFieldEvent | QueueFrameRequestExtendFenceConsumerFieldEvent | QueueFrameRequestExtendFenceTermFieldEvent | QueueFrameRequestExtendFenceAttemptFieldEvent | QueueFrameRequestExtendMsFieldEvent | QueueFrameRequestDeadListLimitFieldEvent | QueueFrameRequestRequeueIdsFieldEvent | QueueFrameRequestRequeueAllFieldEvent | QueueFrameRequestConsumeSessionFieldEvent | QueueFrameRequestConsumeCreditFieldEvent | QueueFrameRequestConsumeConsumerFieldEvent | QueueFrameRequestConsumePrefetchFieldEvent | QueueFrameRequestCreditSessionFieldEvent | QueueFrameRequestCreditCreditFieldEvent | QueueFrameRequestCloseSessionFieldEvent | QueueFrameRequestWaitAckIdFieldEvent | QueueFrameRequestWaitAckSeqFieldEvent | QueueFrameRequestAcksFencesIdFieldEvent | QueueFrameRequestAcksFencesSeqFieldEvent | QueueFrameRequestAcksFencesConsumerFieldEvent | QueueFrameRequestAcksFencesTermFieldEvent | QueueFrameRequestAcksFencesAttemptFieldEvent | QueueFrameRequestAcksSessionFieldEvent | QueueFrameResponseRidFieldEvent | QueueFrameResponseErrorCodeFieldEvent | QueueFrameResponseErrorMessageFieldEvent | QueueFrameResponseErrorLeaderHintFieldEvent | QueueFrameResponsePutsIdFieldEvent | QueueFrameResponsePutsStatusFieldEvent | QueueFrameResponsePutsSeqFieldEvent | QueueFrameResponsePutsDuplicateFieldEvent | QueueFrameResponsePutsReasonFieldEvent | QueueFrameResponseFenceStatusFieldEvent | QueueFrameResponseFenceReasonFieldEvent | QueueFrameResponseFenceDeadlineFieldEvent | QueueFrameResponseFenceCreditedFieldEvent | QueueFrameResponseStatsReadyFieldEvent | QueueFrameResponseStatsLeasedFieldEvent | QueueFrameResponseStatsDelayedFieldEvent | QueueFrameResponseStatsDeadFieldEvent | QueueFrameResponseStatsBytesFieldEvent | QueueFrameResponseStatsOwnerFieldEvent | QueueFrameResponseStatsReplicasFieldEvent | QueueFrameResponseStatsTermFieldEvent | QueueFrameResponseStatsCommitIndexFieldEvent | QueueFrameResponseStatsAppliedIndexFieldEvent | QueueFrameResponseStatsCommitLagFieldEvent | QueueFrameResponseStatsTotalPutFieldEvent | QueueFrameResponseStatsTotalAckedFieldEvent | QueueFrameResponseStatsTotalDeliveredFieldEvent | QueueFrameResponseStatsTotalExpiredFieldEvent | QueueFrameResponseStatsTotalDeadLetteredFieldEvent | QueueFrameResponseStatsConsumersFieldEvent | QueueFrameResponseDeadIdFieldEvent | QueueFrameResponseDeadPayloadFieldEvent | QueueFrameResponseDeadReasonFieldEvent | QueueFrameResponseDeadAttemptFieldEvent | QueueFrameResponseDeadDeadAtFieldEvent | QueueFrameResponseDeadEnqueuedAtFieldEvent | QueueFrameResponseRequeueRequeuedFieldEvent | QueueFrameResponseRequeueMissingFieldEvent | QueueFrameResponseFencesStatusFieldEvent | QueueFrameResponseFencesReasonFieldEvent | QueueFrameResponseFencesDeadlineFieldEvent | QueueFrameResponseFencesCreditedFieldEvent | QueueFramePushSessionFieldEvent | QueueFramePushQueueFieldEvent | QueueFramePushDeliveriesFenceIdFieldEvent | QueueFramePushDeliveriesFenceSeqFieldEvent | QueueFramePushDeliveriesFenceConsumerFieldEvent | QueueFramePushDeliveriesFenceTermFieldEvent | QueueFramePushDeliveriesFenceAttemptFieldEvent | QueueFramePushDeliveriesDeadlineFieldEvent | QueueFramePushDeliveriesPayloadFieldEvent | QueueFramePushDeliveriesEnqueuedAtFieldEvent | QueueFramePushClosedFieldEvent | QueueFramePushReasonFieldEvent | QueueFramePushLeaderHintFieldEvent> {
    return streamMessage(buf, QueueFrame.codec(), opts)
  }
}

export interface Request {
  rid: number
  queue: string
  client: string
  requestId: number
  firstIncomplete: number
  put?: PutRequest
  ack?: FenceMsg
  nack?: NackRequest
  extend?: ExtendRequest
  stats?: StatsRequest
  deadList?: DeadListRequest
  requeue?: RequeueRequest
  consume?: ConsumeOpen
  credit?: CreditGrant
  close?: ConsumeClose
  waitAck?: WaitAck
  acks?: AckRequest
}

export namespace Request {
  let _codec: Codec<Request, Partial<Request>>

  export const codec = (): Codec<Request, Partial<Request>> => {
    if (_codec == null) {
      _codec = message<Request, Partial<Request>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.acks != null) {
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.waitAck != null) {
          obj.acks = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.close != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.credit != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.consume != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.requeue != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.deadList != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.stats != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.extend != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.nack = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.nack != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.ack = undefined
          obj.put = undefined
        }

        if (obj.ack != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.put = undefined
        }

        if (obj.put != null) {
          obj.acks = undefined
          obj.waitAck = undefined
          obj.close = undefined
          obj.credit = undefined
          obj.consume = undefined
          obj.requeue = undefined
          obj.deadList = undefined
          obj.stats = undefined
          obj.extend = undefined
          obj.nack = undefined
          obj.ack = undefined
        }

        if ((obj.rid != null && obj.rid !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.rid)
        }

        if ((obj.queue != null && obj.queue !== '')) {
          w.uint32(18)
          w.string(obj.queue)
        }

        if ((obj.client != null && obj.client !== '')) {
          w.uint32(26)
          w.string(obj.client)
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.requestId)
        }

        if ((obj.firstIncomplete != null && obj.firstIncomplete !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.firstIncomplete)
        }

        if (obj.put != null) {
          w.uint32(82)
          PutRequest.codec().encode(obj.put, w)
        }

        if (obj.ack != null) {
          w.uint32(90)
          FenceMsg.codec().encode(obj.ack, w)
        }

        if (obj.nack != null) {
          w.uint32(98)
          NackRequest.codec().encode(obj.nack, w)
        }

        if (obj.extend != null) {
          w.uint32(106)
          ExtendRequest.codec().encode(obj.extend, w)
        }

        if (obj.stats != null) {
          w.uint32(114)
          StatsRequest.codec().encode(obj.stats, w)
        }

        if (obj.deadList != null) {
          w.uint32(122)
          DeadListRequest.codec().encode(obj.deadList, w)
        }

        if (obj.requeue != null) {
          w.uint32(130)
          RequeueRequest.codec().encode(obj.requeue, w)
        }

        if (obj.consume != null) {
          w.uint32(138)
          ConsumeOpen.codec().encode(obj.consume, w)
        }

        if (obj.credit != null) {
          w.uint32(146)
          CreditGrant.codec().encode(obj.credit, w)
        }

        if (obj.close != null) {
          w.uint32(154)
          ConsumeClose.codec().encode(obj.close, w)
        }

        if (obj.waitAck != null) {
          w.uint32(162)
          WaitAck.codec().encode(obj.waitAck, w)
        }

        if (obj.acks != null) {
          w.uint32(170)
          AckRequest.codec().encode(obj.acks, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          rid: 0,
          queue: '',
          client: '',
          requestId: 0,
          firstIncomplete: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.rid = reader.uint64Number()
              break
            }
            case 2: {
              obj.queue = reader.string()
              break
            }
            case 3: {
              obj.client = reader.string()
              break
            }
            case 4: {
              obj.requestId = reader.uint64Number()
              break
            }
            case 5: {
              obj.firstIncomplete = reader.uint64Number()
              break
            }
            case 10: {
              obj.put = PutRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.put
              })
              break
            }
            case 11: {
              obj.ack = FenceMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 12: {
              obj.nack = NackRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.nack
              })
              break
            }
            case 13: {
              obj.extend = ExtendRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.extend
              })
              break
            }
            case 14: {
              obj.stats = StatsRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stats
              })
              break
            }
            case 15: {
              obj.deadList = DeadListRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.deadList
              })
              break
            }
            case 16: {
              obj.requeue = RequeueRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.requeue
              })
              break
            }
            case 17: {
              obj.consume = ConsumeOpen.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.consume
              })
              break
            }
            case 18: {
              obj.credit = CreditGrant.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.credit
              })
              break
            }
            case 19: {
              obj.close = ConsumeClose.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.close
              })
              break
            }
            case 20: {
              obj.waitAck = WaitAck.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.waitAck
              })
              break
            }
            case 21: {
              obj.acks = AckRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.acks
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.acks != null) {
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.waitAck != null) {
          delete obj.acks
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.close != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.credit != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.consume != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.requeue != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.deadList != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.stats != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.extend
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.extend != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.nack
          delete obj.ack
          delete obj.put
        }

        if (obj.nack != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.ack
          delete obj.put
        }

        if (obj.ack != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.put
        }

        if (obj.put != null) {
          delete obj.acks
          delete obj.waitAck
          delete obj.close
          delete obj.credit
          delete obj.consume
          delete obj.requeue
          delete obj.deadList
          delete obj.stats
          delete obj.extend
          delete obj.nack
          delete obj.ack
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.rid`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.queue`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.client`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.requestId`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.firstIncomplete`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield * PutRequest.codec().stream(reader, reader.uint32(), `${prefix}.put`, {
                limits: opts.limits?.put
              })

              break
            }
            case 11: {
              yield * FenceMsg.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 12: {
              yield * NackRequest.codec().stream(reader, reader.uint32(), `${prefix}.nack`, {
                limits: opts.limits?.nack
              })

              break
            }
            case 13: {
              yield * ExtendRequest.codec().stream(reader, reader.uint32(), `${prefix}.extend`, {
                limits: opts.limits?.extend
              })

              break
            }
            case 14: {
              yield * StatsRequest.codec().stream(reader, reader.uint32(), `${prefix}.stats`, {
                limits: opts.limits?.stats
              })

              break
            }
            case 15: {
              yield * DeadListRequest.codec().stream(reader, reader.uint32(), `${prefix}.deadList`, {
                limits: opts.limits?.deadList
              })

              break
            }
            case 16: {
              yield * RequeueRequest.codec().stream(reader, reader.uint32(), `${prefix}.requeue`, {
                limits: opts.limits?.requeue
              })

              break
            }
            case 17: {
              yield * ConsumeOpen.codec().stream(reader, reader.uint32(), `${prefix}.consume`, {
                limits: opts.limits?.consume
              })

              break
            }
            case 18: {
              yield * CreditGrant.codec().stream(reader, reader.uint32(), `${prefix}.credit`, {
                limits: opts.limits?.credit
              })

              break
            }
            case 19: {
              yield * ConsumeClose.codec().stream(reader, reader.uint32(), `${prefix}.close`, {
                limits: opts.limits?.close
              })

              break
            }
            case 20: {
              yield * WaitAck.codec().stream(reader, reader.uint32(), `${prefix}.waitAck`, {
                limits: opts.limits?.waitAck
              })

              break
            }
            case 21: {
              yield * AckRequest.codec().stream(reader, reader.uint32(), `${prefix}.acks`, {
                limits: opts.limits?.acks
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

  export interface RequestRidFieldEvent {
    field: '$.rid'
    value: number
  }

  export interface RequestQueueFieldEvent {
    field: '$.queue'
    value: string
  }

  export interface RequestClientFieldEvent {
    field: '$.client'
    value: string
  }

  export interface RequestRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export interface RequestFirstIncompleteFieldEvent {
    field: '$.firstIncomplete'
    value: number
  }

  export interface RequestPutItemsIdFieldEvent {
    field: '$.put.items[].id'
    value: string
    index: number
  }

  export interface RequestPutItemsPayloadFieldEvent {
    field: '$.put.items[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RequestPutItemsDelayMsFieldEvent {
    field: '$.put.items[].delayMs'
    value: number
    index: number
  }

  export interface RequestAckIdFieldEvent {
    field: '$.ack.id'
    value: string
  }

  export interface RequestAckSeqFieldEvent {
    field: '$.ack.seq'
    value: number
  }

  export interface RequestAckConsumerFieldEvent {
    field: '$.ack.consumer'
    value: string
  }

  export interface RequestAckTermFieldEvent {
    field: '$.ack.term'
    value: number
  }

  export interface RequestAckAttemptFieldEvent {
    field: '$.ack.attempt'
    value: number
  }

  export interface RequestNackFenceIdFieldEvent {
    field: '$.nack.fence.id'
    value: string
  }

  export interface RequestNackFenceSeqFieldEvent {
    field: '$.nack.fence.seq'
    value: number
  }

  export interface RequestNackFenceConsumerFieldEvent {
    field: '$.nack.fence.consumer'
    value: string
  }

  export interface RequestNackFenceTermFieldEvent {
    field: '$.nack.fence.term'
    value: number
  }

  export interface RequestNackFenceAttemptFieldEvent {
    field: '$.nack.fence.attempt'
    value: number
  }

  export interface RequestNackDelayMsFieldEvent {
    field: '$.nack.delayMs'
    value: number
  }

  export interface RequestNackDeadLetterFieldEvent {
    field: '$.nack.deadLetter'
    value: boolean
  }

  export interface RequestExtendFenceIdFieldEvent {
    field: '$.extend.fence.id'
    value: string
  }

  export interface RequestExtendFenceSeqFieldEvent {
    field: '$.extend.fence.seq'
    value: number
  }

  export interface RequestExtendFenceConsumerFieldEvent {
    field: '$.extend.fence.consumer'
    value: string
  }

  export interface RequestExtendFenceTermFieldEvent {
    field: '$.extend.fence.term'
    value: number
  }

  export interface RequestExtendFenceAttemptFieldEvent {
    field: '$.extend.fence.attempt'
    value: number
  }

  export interface RequestExtendMsFieldEvent {
    field: '$.extend.ms'
    value: number
  }

  export interface RequestDeadListLimitFieldEvent {
    field: '$.deadList.limit'
    value: number
  }

  export interface RequestRequeueIdsFieldEvent {
    field: '$.requeue.ids[]'
    index: number
    value: string
  }

  export interface RequestRequeueAllFieldEvent {
    field: '$.requeue.all'
    value: boolean
  }

  export interface RequestConsumeSessionFieldEvent {
    field: '$.consume.session'
    value: number
  }

  export interface RequestConsumeCreditFieldEvent {
    field: '$.consume.credit'
    value: number
  }

  export interface RequestConsumeConsumerFieldEvent {
    field: '$.consume.consumer'
    value: string
  }

  export interface RequestConsumePrefetchFieldEvent {
    field: '$.consume.prefetch'
    value: number
  }

  export interface RequestCreditSessionFieldEvent {
    field: '$.credit.session'
    value: number
  }

  export interface RequestCreditCreditFieldEvent {
    field: '$.credit.credit'
    value: number
  }

  export interface RequestCloseSessionFieldEvent {
    field: '$.close.session'
    value: number
  }

  export interface RequestWaitAckIdFieldEvent {
    field: '$.waitAck.id'
    value: string
  }

  export interface RequestWaitAckSeqFieldEvent {
    field: '$.waitAck.seq'
    value: number
  }

  export interface RequestAcksFencesIdFieldEvent {
    field: '$.acks.fences[].id'
    value: string
    index: number
  }

  export interface RequestAcksFencesSeqFieldEvent {
    field: '$.acks.fences[].seq'
    value: number
    index: number
  }

  export interface RequestAcksFencesConsumerFieldEvent {
    field: '$.acks.fences[].consumer'
    value: string
    index: number
  }

  export interface RequestAcksFencesTermFieldEvent {
    field: '$.acks.fences[].term'
    value: number
    index: number
  }

  export interface RequestAcksFencesAttemptFieldEvent {
    field: '$.acks.fences[].attempt'
    value: number
    index: number
  }

  export interface RequestAcksSessionFieldEvent {
    field: '$.acks.session'
    value: number
  }

  export function encode (obj: Partial<Request>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Request.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Request>): Request {
    return decodeMessage(buf, Request.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Request>): Generator<RequestRidFieldEvent | RequestQueueFieldEvent | RequestClientFieldEvent | RequestRequestIdFieldEvent | RequestFirstIncompleteFieldEvent | RequestPutItemsIdFieldEvent | RequestPutItemsPayloadFieldEvent | RequestPutItemsDelayMsFieldEvent | RequestAckIdFieldEvent | RequestAckSeqFieldEvent | RequestAckConsumerFieldEvent | RequestAckTermFieldEvent | RequestAckAttemptFieldEvent | RequestNackFenceIdFieldEvent | RequestNackFenceSeqFieldEvent | RequestNackFenceConsumerFieldEvent | RequestNackFenceTermFieldEvent | RequestNackFenceAttemptFieldEvent | RequestNackDelayMsFieldEvent | RequestNackDeadLetterFieldEvent | RequestExtendFenceIdFieldEvent | RequestExtendFenceSeqFieldEvent | RequestExtendFenceConsumerFieldEvent | RequestExtendFenceTermFieldEvent | RequestExtendFenceAttemptFieldEvent | RequestExtendMsFieldEvent | RequestDeadListLimitFieldEvent | RequestRequeueIdsFieldEvent | RequestRequeueAllFieldEvent | RequestConsumeSessionFieldEvent | RequestConsumeCreditFieldEvent | RequestConsumeConsumerFieldEvent | RequestConsumePrefetchFieldEvent | RequestCreditSessionFieldEvent | RequestCreditCreditFieldEvent | RequestCloseSessionFieldEvent | RequestWaitAckIdFieldEvent | RequestWaitAckSeqFieldEvent | RequestAcksFencesIdFieldEvent | RequestAcksFencesSeqFieldEvent | RequestAcksFencesConsumerFieldEvent | RequestAcksFencesTermFieldEvent | RequestAcksFencesAttemptFieldEvent | RequestAcksSessionFieldEvent> {
    return streamMessage(buf, Request.codec(), opts)
  }
}

export interface PutItem {
  id: string
  payload: Uint8Array<ArrayBuffer>
  delayMs: number
}

export namespace PutItem {
  let _codec: Codec<PutItem, Partial<PutItem>>

  export const codec = (): Codec<PutItem, Partial<PutItem>> => {
    if (_codec == null) {
      _codec = message<PutItem, Partial<PutItem>>((obj, w, opts = {}) => {
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

        if ((obj.delayMs != null && obj.delayMs !== 0)) {
          w.uint32(24)
          w.uint32(obj.delayMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          payload: uint8ArrayAlloc(0),
          delayMs: 0
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
              obj.delayMs = reader.uint32()
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
                field: `${prefix}.delayMs`,
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

  export interface PutItemIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface PutItemPayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PutItemDelayMsFieldEvent {
    field: '$.delayMs'
    value: number
  }

  export function encode (obj: Partial<PutItem>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PutItem.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<PutItem>): PutItem {
    return decodeMessage(buf, PutItem.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<PutItem>): Generator<PutItemIdFieldEvent | PutItemPayloadFieldEvent | PutItemDelayMsFieldEvent> {
    return streamMessage(buf, PutItem.codec(), opts)
  }
}

export interface PutRequest {
  items: PutItem[]
}

export namespace PutRequest {
  let _codec: Codec<PutRequest, Partial<PutRequest>>

  export const codec = (): Codec<PutRequest, Partial<PutRequest>> => {
    if (_codec == null) {
      _codec = message<PutRequest, Partial<PutRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.items != null && obj.items.length > 0) {
          for (const value of obj.items) {
            w.uint32(10)
            PutItem.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          items: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.items != null && obj.items.length === opts.limits.items) {
                throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
              }

              obj.items.push(PutItem.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.items$
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
          items: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.items != null && obj.items === opts.limits.items) {
                throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
              }

              for (const evt of PutItem.codec().stream(reader, reader.uint32(), `${prefix}.items[]`, {
                limits: opts.limits?.items$
              })) {
                yield {
                  ...evt,
                  index: obj.items
                }
              }

              obj.items++

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

  export interface PutRequestItemsIdFieldEvent {
    field: '$.items[].id'
    value: string
    index: number
  }

  export interface PutRequestItemsPayloadFieldEvent {
    field: '$.items[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PutRequestItemsDelayMsFieldEvent {
    field: '$.items[].delayMs'
    value: number
    index: number
  }

  export function encode (obj: Partial<PutRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PutRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<PutRequest>): PutRequest {
    return decodeMessage(buf, PutRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<PutRequest>): Generator<PutRequestItemsIdFieldEvent | PutRequestItemsPayloadFieldEvent | PutRequestItemsDelayMsFieldEvent> {
    return streamMessage(buf, PutRequest.codec(), opts)
  }
}

export interface FenceMsg {
  id: string
  seq: number
  consumer: string
  term: number
  attempt: number
}

export namespace FenceMsg {
  let _codec: Codec<FenceMsg, Partial<FenceMsg>>

  export const codec = (): Codec<FenceMsg, Partial<FenceMsg>> => {
    if (_codec == null) {
      _codec = message<FenceMsg, Partial<FenceMsg>>((obj, w, opts = {}) => {
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

  export interface FenceMsgIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface FenceMsgSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface FenceMsgConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface FenceMsgTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface FenceMsgAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export function encode (obj: Partial<FenceMsg>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FenceMsg.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<FenceMsg>): FenceMsg {
    return decodeMessage(buf, FenceMsg.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<FenceMsg>): Generator<FenceMsgIdFieldEvent | FenceMsgSeqFieldEvent | FenceMsgConsumerFieldEvent | FenceMsgTermFieldEvent | FenceMsgAttemptFieldEvent> {
    return streamMessage(buf, FenceMsg.codec(), opts)
  }
}

export interface AckRequest {
  fences: FenceMsg[]
  session: number
}

export namespace AckRequest {
  let _codec: Codec<AckRequest, Partial<AckRequest>>

  export const codec = (): Codec<AckRequest, Partial<AckRequest>> => {
    if (_codec == null) {
      _codec = message<AckRequest, Partial<AckRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.fences != null && obj.fences.length > 0) {
          for (const value of obj.fences) {
            w.uint32(10)
            FenceMsg.codec().encode(value, w)
          }
        }

        if ((obj.session != null && obj.session !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.session)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          fences: [],
          session: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.fences != null && obj.fences.length === opts.limits.fences) {
                throw new MaxLengthError('Decode error - repeated field "fences" had too many elements')
              }

              obj.fences.push(FenceMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fences$
              }))
              break
            }
            case 2: {
              obj.session = reader.uint64Number()
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
          fences: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.fences != null && obj.fences === opts.limits.fences) {
                throw new MaxLengthError('Streaming decode error - repeated field "fences" had too many elements')
              }

              for (const evt of FenceMsg.codec().stream(reader, reader.uint32(), `${prefix}.fences[]`, {
                limits: opts.limits?.fences$
              })) {
                yield {
                  ...evt,
                  index: obj.fences
                }
              }

              obj.fences++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.session`,
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

  export interface AckRequestFencesIdFieldEvent {
    field: '$.fences[].id'
    value: string
    index: number
  }

  export interface AckRequestFencesSeqFieldEvent {
    field: '$.fences[].seq'
    value: number
    index: number
  }

  export interface AckRequestFencesConsumerFieldEvent {
    field: '$.fences[].consumer'
    value: string
    index: number
  }

  export interface AckRequestFencesTermFieldEvent {
    field: '$.fences[].term'
    value: number
    index: number
  }

  export interface AckRequestFencesAttemptFieldEvent {
    field: '$.fences[].attempt'
    value: number
    index: number
  }

  export interface AckRequestSessionFieldEvent {
    field: '$.session'
    value: number
  }

  export function encode (obj: Partial<AckRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AckRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<AckRequest>): AckRequest {
    return decodeMessage(buf, AckRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<AckRequest>): Generator<AckRequestFencesIdFieldEvent | AckRequestFencesSeqFieldEvent | AckRequestFencesConsumerFieldEvent | AckRequestFencesTermFieldEvent | AckRequestFencesAttemptFieldEvent | AckRequestSessionFieldEvent> {
    return streamMessage(buf, AckRequest.codec(), opts)
  }
}

export interface NackRequest {
  fence?: FenceMsg
  delayMs: number
  deadLetter: boolean
}

export namespace NackRequest {
  let _codec: Codec<NackRequest, Partial<NackRequest>>

  export const codec = (): Codec<NackRequest, Partial<NackRequest>> => {
    if (_codec == null) {
      _codec = message<NackRequest, Partial<NackRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.fence != null) {
          w.uint32(10)
          FenceMsg.codec().encode(obj.fence, w)
        }

        if ((obj.delayMs != null && obj.delayMs !== 0)) {
          w.uint32(16)
          w.uint32(obj.delayMs)
        }

        if ((obj.deadLetter != null && obj.deadLetter !== false)) {
          w.uint32(24)
          w.bool(obj.deadLetter)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          delayMs: 0,
          deadLetter: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.fence = FenceMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fence
              })
              break
            }
            case 2: {
              obj.delayMs = reader.uint32()
              break
            }
            case 3: {
              obj.deadLetter = reader.bool()
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
              yield * FenceMsg.codec().stream(reader, reader.uint32(), `${prefix}.fence`, {
                limits: opts.limits?.fence
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.delayMs`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.deadLetter`,
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

  export interface NackRequestFenceIdFieldEvent {
    field: '$.fence.id'
    value: string
  }

  export interface NackRequestFenceSeqFieldEvent {
    field: '$.fence.seq'
    value: number
  }

  export interface NackRequestFenceConsumerFieldEvent {
    field: '$.fence.consumer'
    value: string
  }

  export interface NackRequestFenceTermFieldEvent {
    field: '$.fence.term'
    value: number
  }

  export interface NackRequestFenceAttemptFieldEvent {
    field: '$.fence.attempt'
    value: number
  }

  export interface NackRequestDelayMsFieldEvent {
    field: '$.delayMs'
    value: number
  }

  export interface NackRequestDeadLetterFieldEvent {
    field: '$.deadLetter'
    value: boolean
  }

  export function encode (obj: Partial<NackRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NackRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<NackRequest>): NackRequest {
    return decodeMessage(buf, NackRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<NackRequest>): Generator<NackRequestFenceIdFieldEvent | NackRequestFenceSeqFieldEvent | NackRequestFenceConsumerFieldEvent | NackRequestFenceTermFieldEvent | NackRequestFenceAttemptFieldEvent | NackRequestDelayMsFieldEvent | NackRequestDeadLetterFieldEvent> {
    return streamMessage(buf, NackRequest.codec(), opts)
  }
}

export interface ExtendRequest {
  fence?: FenceMsg
  ms: number
}

export namespace ExtendRequest {
  let _codec: Codec<ExtendRequest, Partial<ExtendRequest>>

  export const codec = (): Codec<ExtendRequest, Partial<ExtendRequest>> => {
    if (_codec == null) {
      _codec = message<ExtendRequest, Partial<ExtendRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.fence != null) {
          w.uint32(10)
          FenceMsg.codec().encode(obj.fence, w)
        }

        if ((obj.ms != null && obj.ms !== 0)) {
          w.uint32(16)
          w.uint32(obj.ms)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ms: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.fence = FenceMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fence
              })
              break
            }
            case 2: {
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
              yield * FenceMsg.codec().stream(reader, reader.uint32(), `${prefix}.fence`, {
                limits: opts.limits?.fence
              })

              break
            }
            case 2: {
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

  export interface ExtendRequestFenceIdFieldEvent {
    field: '$.fence.id'
    value: string
  }

  export interface ExtendRequestFenceSeqFieldEvent {
    field: '$.fence.seq'
    value: number
  }

  export interface ExtendRequestFenceConsumerFieldEvent {
    field: '$.fence.consumer'
    value: string
  }

  export interface ExtendRequestFenceTermFieldEvent {
    field: '$.fence.term'
    value: number
  }

  export interface ExtendRequestFenceAttemptFieldEvent {
    field: '$.fence.attempt'
    value: number
  }

  export interface ExtendRequestMsFieldEvent {
    field: '$.ms'
    value: number
  }

  export function encode (obj: Partial<ExtendRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ExtendRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ExtendRequest>): ExtendRequest {
    return decodeMessage(buf, ExtendRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ExtendRequest>): Generator<ExtendRequestFenceIdFieldEvent | ExtendRequestFenceSeqFieldEvent | ExtendRequestFenceConsumerFieldEvent | ExtendRequestFenceTermFieldEvent | ExtendRequestFenceAttemptFieldEvent | ExtendRequestMsFieldEvent> {
    return streamMessage(buf, ExtendRequest.codec(), opts)
  }
}

export interface StatsRequest {}

export namespace StatsRequest {
  let _codec: Codec<StatsRequest, Partial<StatsRequest>>

  export const codec = (): Codec<StatsRequest, Partial<StatsRequest>> => {
    if (_codec == null) {
      _codec = message<StatsRequest, Partial<StatsRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
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

  export function encode (obj: Partial<StatsRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatsRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<StatsRequest>): StatsRequest {
    return decodeMessage(buf, StatsRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<StatsRequest>): Generator<{}> {
    return streamMessage(buf, StatsRequest.codec(), opts)
  }
}

export interface DeadListRequest {
  limit: number
}

export namespace DeadListRequest {
  let _codec: Codec<DeadListRequest, Partial<DeadListRequest>>

  export const codec = (): Codec<DeadListRequest, Partial<DeadListRequest>> => {
    if (_codec == null) {
      _codec = message<DeadListRequest, Partial<DeadListRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.limit != null && obj.limit !== 0)) {
          w.uint32(8)
          w.uint32(obj.limit)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          limit: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.limit = reader.uint32()
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
                field: `${prefix}.limit`,
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

  export interface DeadListRequestLimitFieldEvent {
    field: '$.limit'
    value: number
  }

  export function encode (obj: Partial<DeadListRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeadListRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DeadListRequest>): DeadListRequest {
    return decodeMessage(buf, DeadListRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DeadListRequest>): Generator<DeadListRequestLimitFieldEvent> {
    return streamMessage(buf, DeadListRequest.codec(), opts)
  }
}

export interface RequeueRequest {
  ids: string[]
  all: boolean
}

export namespace RequeueRequest {
  let _codec: Codec<RequeueRequest, Partial<RequeueRequest>>

  export const codec = (): Codec<RequeueRequest, Partial<RequeueRequest>> => {
    if (_codec == null) {
      _codec = message<RequeueRequest, Partial<RequeueRequest>>((obj, w, opts = {}) => {
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

  export interface RequeueRequestIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export interface RequeueRequestAllFieldEvent {
    field: '$.all'
    value: boolean
  }

  export function encode (obj: Partial<RequeueRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RequeueRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<RequeueRequest>): RequeueRequest {
    return decodeMessage(buf, RequeueRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<RequeueRequest>): Generator<RequeueRequestIdsFieldEvent | RequeueRequestAllFieldEvent> {
    return streamMessage(buf, RequeueRequest.codec(), opts)
  }
}

export interface ConsumeOpen {
  session: number
  credit: number
  consumer: string
  prefetch: number
}

export namespace ConsumeOpen {
  let _codec: Codec<ConsumeOpen, Partial<ConsumeOpen>>

  export const codec = (): Codec<ConsumeOpen, Partial<ConsumeOpen>> => {
    if (_codec == null) {
      _codec = message<ConsumeOpen, Partial<ConsumeOpen>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.session != null && obj.session !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.session)
        }

        if ((obj.credit != null && obj.credit !== 0)) {
          w.uint32(16)
          w.uint32(obj.credit)
        }

        if ((obj.consumer != null && obj.consumer !== '')) {
          w.uint32(26)
          w.string(obj.consumer)
        }

        if ((obj.prefetch != null && obj.prefetch !== 0)) {
          w.uint32(32)
          w.uint32(obj.prefetch)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          session: 0,
          credit: 0,
          consumer: '',
          prefetch: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.session = reader.uint64Number()
              break
            }
            case 2: {
              obj.credit = reader.uint32()
              break
            }
            case 3: {
              obj.consumer = reader.string()
              break
            }
            case 4: {
              obj.prefetch = reader.uint32()
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
                field: `${prefix}.session`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.credit`,
                value: reader.uint32()
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
                field: `${prefix}.prefetch`,
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

  export interface ConsumeOpenSessionFieldEvent {
    field: '$.session'
    value: number
  }

  export interface ConsumeOpenCreditFieldEvent {
    field: '$.credit'
    value: number
  }

  export interface ConsumeOpenConsumerFieldEvent {
    field: '$.consumer'
    value: string
  }

  export interface ConsumeOpenPrefetchFieldEvent {
    field: '$.prefetch'
    value: number
  }

  export function encode (obj: Partial<ConsumeOpen>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ConsumeOpen.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ConsumeOpen>): ConsumeOpen {
    return decodeMessage(buf, ConsumeOpen.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ConsumeOpen>): Generator<ConsumeOpenSessionFieldEvent | ConsumeOpenCreditFieldEvent | ConsumeOpenConsumerFieldEvent | ConsumeOpenPrefetchFieldEvent> {
    return streamMessage(buf, ConsumeOpen.codec(), opts)
  }
}

export interface CreditGrant {
  session: number
  credit: number
}

export namespace CreditGrant {
  let _codec: Codec<CreditGrant, Partial<CreditGrant>>

  export const codec = (): Codec<CreditGrant, Partial<CreditGrant>> => {
    if (_codec == null) {
      _codec = message<CreditGrant, Partial<CreditGrant>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.session != null && obj.session !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.session)
        }

        if ((obj.credit != null && obj.credit !== 0)) {
          w.uint32(16)
          w.uint32(obj.credit)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          session: 0,
          credit: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.session = reader.uint64Number()
              break
            }
            case 2: {
              obj.credit = reader.uint32()
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
                field: `${prefix}.session`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.credit`,
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

  export interface CreditGrantSessionFieldEvent {
    field: '$.session'
    value: number
  }

  export interface CreditGrantCreditFieldEvent {
    field: '$.credit'
    value: number
  }

  export function encode (obj: Partial<CreditGrant>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CreditGrant.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<CreditGrant>): CreditGrant {
    return decodeMessage(buf, CreditGrant.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<CreditGrant>): Generator<CreditGrantSessionFieldEvent | CreditGrantCreditFieldEvent> {
    return streamMessage(buf, CreditGrant.codec(), opts)
  }
}

export interface ConsumeClose {
  session: number
}

export namespace ConsumeClose {
  let _codec: Codec<ConsumeClose, Partial<ConsumeClose>>

  export const codec = (): Codec<ConsumeClose, Partial<ConsumeClose>> => {
    if (_codec == null) {
      _codec = message<ConsumeClose, Partial<ConsumeClose>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.session != null && obj.session !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.session)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          session: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.session = reader.uint64Number()
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
                field: `${prefix}.session`,
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

  export interface ConsumeCloseSessionFieldEvent {
    field: '$.session'
    value: number
  }

  export function encode (obj: Partial<ConsumeClose>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ConsumeClose.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ConsumeClose>): ConsumeClose {
    return decodeMessage(buf, ConsumeClose.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ConsumeClose>): Generator<ConsumeCloseSessionFieldEvent> {
    return streamMessage(buf, ConsumeClose.codec(), opts)
  }
}

export interface WaitAck {
  id: string
  seq: number
}

export namespace WaitAck {
  let _codec: Codec<WaitAck, Partial<WaitAck>>

  export const codec = (): Codec<WaitAck, Partial<WaitAck>> => {
    if (_codec == null) {
      _codec = message<WaitAck, Partial<WaitAck>>((obj, w, opts = {}) => {
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

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0
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

  export interface WaitAckIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface WaitAckSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export function encode (obj: Partial<WaitAck>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, WaitAck.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<WaitAck>): WaitAck {
    return decodeMessage(buf, WaitAck.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<WaitAck>): Generator<WaitAckIdFieldEvent | WaitAckSeqFieldEvent> {
    return streamMessage(buf, WaitAck.codec(), opts)
  }
}

export interface Response {
  rid: number
  error?: ErrorReply
  puts: PutReply[]
  fence?: FenceReply
  stats?: StatsReply
  dead: DeadMessage[]
  requeue?: RequeueReply
  fences: FenceReply[]
}

export namespace Response {
  let _codec: Codec<Response, Partial<Response>>

  export const codec = (): Codec<Response, Partial<Response>> => {
    if (_codec == null) {
      _codec = message<Response, Partial<Response>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.rid != null && obj.rid !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.rid)
        }

        if (obj.error != null) {
          w.uint32(18)
          ErrorReply.codec().encode(obj.error, w)
        }

        if (obj.puts != null && obj.puts.length > 0) {
          for (const value of obj.puts) {
            w.uint32(26)
            PutReply.codec().encode(value, w)
          }
        }

        if (obj.fence != null) {
          w.uint32(34)
          FenceReply.codec().encode(obj.fence, w)
        }

        if (obj.stats != null) {
          w.uint32(42)
          StatsReply.codec().encode(obj.stats, w)
        }

        if (obj.dead != null && obj.dead.length > 0) {
          for (const value of obj.dead) {
            w.uint32(50)
            DeadMessage.codec().encode(value, w)
          }
        }

        if (obj.requeue != null) {
          w.uint32(58)
          RequeueReply.codec().encode(obj.requeue, w)
        }

        if (obj.fences != null && obj.fences.length > 0) {
          for (const value of obj.fences) {
            w.uint32(66)
            FenceReply.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          rid: 0,
          puts: [],
          dead: [],
          fences: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.rid = reader.uint64Number()
              break
            }
            case 2: {
              obj.error = ErrorReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.error
              })
              break
            }
            case 3: {
              if (opts.limits?.puts != null && obj.puts.length === opts.limits.puts) {
                throw new MaxLengthError('Decode error - repeated field "puts" had too many elements')
              }

              obj.puts.push(PutReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.puts$
              }))
              break
            }
            case 4: {
              obj.fence = FenceReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fence
              })
              break
            }
            case 5: {
              obj.stats = StatsReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stats
              })
              break
            }
            case 6: {
              if (opts.limits?.dead != null && obj.dead.length === opts.limits.dead) {
                throw new MaxLengthError('Decode error - repeated field "dead" had too many elements')
              }

              obj.dead.push(DeadMessage.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.dead$
              }))
              break
            }
            case 7: {
              obj.requeue = RequeueReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.requeue
              })
              break
            }
            case 8: {
              if (opts.limits?.fences != null && obj.fences.length === opts.limits.fences) {
                throw new MaxLengthError('Decode error - repeated field "fences" had too many elements')
              }

              obj.fences.push(FenceReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fences$
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
          puts: 0,
          dead: 0,
          fences: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.rid`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield * ErrorReply.codec().stream(reader, reader.uint32(), `${prefix}.error`, {
                limits: opts.limits?.error
              })

              break
            }
            case 3: {
              if (opts.limits?.puts != null && obj.puts === opts.limits.puts) {
                throw new MaxLengthError('Streaming decode error - repeated field "puts" had too many elements')
              }

              for (const evt of PutReply.codec().stream(reader, reader.uint32(), `${prefix}.puts[]`, {
                limits: opts.limits?.puts$
              })) {
                yield {
                  ...evt,
                  index: obj.puts
                }
              }

              obj.puts++

              break
            }
            case 4: {
              yield * FenceReply.codec().stream(reader, reader.uint32(), `${prefix}.fence`, {
                limits: opts.limits?.fence
              })

              break
            }
            case 5: {
              yield * StatsReply.codec().stream(reader, reader.uint32(), `${prefix}.stats`, {
                limits: opts.limits?.stats
              })

              break
            }
            case 6: {
              if (opts.limits?.dead != null && obj.dead === opts.limits.dead) {
                throw new MaxLengthError('Streaming decode error - repeated field "dead" had too many elements')
              }

              for (const evt of DeadMessage.codec().stream(reader, reader.uint32(), `${prefix}.dead[]`, {
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
            case 7: {
              yield * RequeueReply.codec().stream(reader, reader.uint32(), `${prefix}.requeue`, {
                limits: opts.limits?.requeue
              })

              break
            }
            case 8: {
              if (opts.limits?.fences != null && obj.fences === opts.limits.fences) {
                throw new MaxLengthError('Streaming decode error - repeated field "fences" had too many elements')
              }

              for (const evt of FenceReply.codec().stream(reader, reader.uint32(), `${prefix}.fences[]`, {
                limits: opts.limits?.fences$
              })) {
                yield {
                  ...evt,
                  index: obj.fences
                }
              }

              obj.fences++

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

  export interface ResponseRidFieldEvent {
    field: '$.rid'
    value: number
  }

  export interface ResponseErrorCodeFieldEvent {
    field: '$.error.code'
    value: string
  }

  export interface ResponseErrorMessageFieldEvent {
    field: '$.error.message'
    value: string
  }

  export interface ResponseErrorLeaderHintFieldEvent {
    field: '$.error.leaderHint'
    value: string
  }

  export interface ResponsePutsIdFieldEvent {
    field: '$.puts[].id'
    value: string
    index: number
  }

  export interface ResponsePutsStatusFieldEvent {
    field: '$.puts[].status'
    value: string
    index: number
  }

  export interface ResponsePutsSeqFieldEvent {
    field: '$.puts[].seq'
    value: number
    index: number
  }

  export interface ResponsePutsDuplicateFieldEvent {
    field: '$.puts[].duplicate'
    value: boolean
    index: number
  }

  export interface ResponsePutsReasonFieldEvent {
    field: '$.puts[].reason'
    value: string
    index: number
  }

  export interface ResponseFenceStatusFieldEvent {
    field: '$.fence.status'
    value: string
  }

  export interface ResponseFenceReasonFieldEvent {
    field: '$.fence.reason'
    value: string
  }

  export interface ResponseFenceDeadlineFieldEvent {
    field: '$.fence.deadline'
    value: number
  }

  export interface ResponseFenceCreditedFieldEvent {
    field: '$.fence.credited'
    value: boolean
  }

  export interface ResponseStatsReadyFieldEvent {
    field: '$.stats.ready'
    value: number
  }

  export interface ResponseStatsLeasedFieldEvent {
    field: '$.stats.leased'
    value: number
  }

  export interface ResponseStatsDelayedFieldEvent {
    field: '$.stats.delayed'
    value: number
  }

  export interface ResponseStatsDeadFieldEvent {
    field: '$.stats.dead'
    value: number
  }

  export interface ResponseStatsBytesFieldEvent {
    field: '$.stats.bytes'
    value: number
  }

  export interface ResponseStatsOwnerFieldEvent {
    field: '$.stats.owner'
    value: string
  }

  export interface ResponseStatsReplicasFieldEvent {
    field: '$.stats.replicas[]'
    index: number
    value: string
  }

  export interface ResponseStatsTermFieldEvent {
    field: '$.stats.term'
    value: number
  }

  export interface ResponseStatsCommitIndexFieldEvent {
    field: '$.stats.commitIndex'
    value: number
  }

  export interface ResponseStatsAppliedIndexFieldEvent {
    field: '$.stats.appliedIndex'
    value: number
  }

  export interface ResponseStatsCommitLagFieldEvent {
    field: '$.stats.commitLag'
    value: number
  }

  export interface ResponseStatsTotalPutFieldEvent {
    field: '$.stats.totalPut'
    value: number
  }

  export interface ResponseStatsTotalAckedFieldEvent {
    field: '$.stats.totalAcked'
    value: number
  }

  export interface ResponseStatsTotalDeliveredFieldEvent {
    field: '$.stats.totalDelivered'
    value: number
  }

  export interface ResponseStatsTotalExpiredFieldEvent {
    field: '$.stats.totalExpired'
    value: number
  }

  export interface ResponseStatsTotalDeadLetteredFieldEvent {
    field: '$.stats.totalDeadLettered'
    value: number
  }

  export interface ResponseStatsConsumersFieldEvent {
    field: '$.stats.consumers'
    value: number
  }

  export interface ResponseDeadIdFieldEvent {
    field: '$.dead[].id'
    value: string
    index: number
  }

  export interface ResponseDeadPayloadFieldEvent {
    field: '$.dead[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ResponseDeadReasonFieldEvent {
    field: '$.dead[].reason'
    value: string
    index: number
  }

  export interface ResponseDeadAttemptFieldEvent {
    field: '$.dead[].attempt'
    value: number
    index: number
  }

  export interface ResponseDeadDeadAtFieldEvent {
    field: '$.dead[].deadAt'
    value: number
    index: number
  }

  export interface ResponseDeadEnqueuedAtFieldEvent {
    field: '$.dead[].enqueuedAt'
    value: number
    index: number
  }

  export interface ResponseRequeueRequeuedFieldEvent {
    field: '$.requeue.requeued[]'
    index: number
    value: string
  }

  export interface ResponseRequeueMissingFieldEvent {
    field: '$.requeue.missing[]'
    index: number
    value: string
  }

  export interface ResponseFencesStatusFieldEvent {
    field: '$.fences[].status'
    value: string
    index: number
  }

  export interface ResponseFencesReasonFieldEvent {
    field: '$.fences[].reason'
    value: string
    index: number
  }

  export interface ResponseFencesDeadlineFieldEvent {
    field: '$.fences[].deadline'
    value: number
    index: number
  }

  export interface ResponseFencesCreditedFieldEvent {
    field: '$.fences[].credited'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<Response>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Response.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Response>): Response {
    return decodeMessage(buf, Response.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Response>): Generator<ResponseRidFieldEvent | ResponseErrorCodeFieldEvent | ResponseErrorMessageFieldEvent | ResponseErrorLeaderHintFieldEvent | ResponsePutsIdFieldEvent | ResponsePutsStatusFieldEvent | ResponsePutsSeqFieldEvent | ResponsePutsDuplicateFieldEvent | ResponsePutsReasonFieldEvent | ResponseFenceStatusFieldEvent | ResponseFenceReasonFieldEvent | ResponseFenceDeadlineFieldEvent | ResponseFenceCreditedFieldEvent | ResponseStatsReadyFieldEvent | ResponseStatsLeasedFieldEvent | ResponseStatsDelayedFieldEvent | ResponseStatsDeadFieldEvent | ResponseStatsBytesFieldEvent | ResponseStatsOwnerFieldEvent | ResponseStatsReplicasFieldEvent | ResponseStatsTermFieldEvent | ResponseStatsCommitIndexFieldEvent | ResponseStatsAppliedIndexFieldEvent | ResponseStatsCommitLagFieldEvent | ResponseStatsTotalPutFieldEvent | ResponseStatsTotalAckedFieldEvent | ResponseStatsTotalDeliveredFieldEvent | ResponseStatsTotalExpiredFieldEvent | ResponseStatsTotalDeadLetteredFieldEvent | ResponseStatsConsumersFieldEvent | ResponseDeadIdFieldEvent | ResponseDeadPayloadFieldEvent | ResponseDeadReasonFieldEvent | ResponseDeadAttemptFieldEvent | ResponseDeadDeadAtFieldEvent | ResponseDeadEnqueuedAtFieldEvent | ResponseRequeueRequeuedFieldEvent | ResponseRequeueMissingFieldEvent | ResponseFencesStatusFieldEvent | ResponseFencesReasonFieldEvent | ResponseFencesDeadlineFieldEvent | ResponseFencesCreditedFieldEvent> {
    return streamMessage(buf, Response.codec(), opts)
  }
}

export interface ErrorReply {
  code: string
  message: string
  leaderHint: string
}

export namespace ErrorReply {
  let _codec: Codec<ErrorReply, Partial<ErrorReply>>

  export const codec = (): Codec<ErrorReply, Partial<ErrorReply>> => {
    if (_codec == null) {
      _codec = message<ErrorReply, Partial<ErrorReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(10)
          w.string(obj.code)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if ((obj.leaderHint != null && obj.leaderHint !== '')) {
          w.uint32(26)
          w.string(obj.leaderHint)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: '',
          message: '',
          leaderHint: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = reader.string()
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.leaderHint = reader.string()
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
                field: `${prefix}.code`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.leaderHint`,
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

  export interface ErrorReplyCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface ErrorReplyMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface ErrorReplyLeaderHintFieldEvent {
    field: '$.leaderHint'
    value: string
  }

  export function encode (obj: Partial<ErrorReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ErrorReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ErrorReply>): ErrorReply {
    return decodeMessage(buf, ErrorReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ErrorReply>): Generator<ErrorReplyCodeFieldEvent | ErrorReplyMessageFieldEvent | ErrorReplyLeaderHintFieldEvent> {
    return streamMessage(buf, ErrorReply.codec(), opts)
  }
}

export interface PutReply {
  id: string
  status: string
  seq: number
  duplicate: boolean
  reason: string
}

export namespace PutReply {
  let _codec: Codec<PutReply, Partial<PutReply>>

  export const codec = (): Codec<PutReply, Partial<PutReply>> => {
    if (_codec == null) {
      _codec = message<PutReply, Partial<PutReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.status != null && obj.status !== '')) {
          w.uint32(18)
          w.string(obj.status)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.seq)
        }

        if ((obj.duplicate != null && obj.duplicate !== false)) {
          w.uint32(32)
          w.bool(obj.duplicate)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(42)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          status: '',
          seq: 0,
          duplicate: false,
          reason: ''
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
              obj.status = reader.string()
              break
            }
            case 3: {
              obj.seq = reader.uint64Number()
              break
            }
            case 4: {
              obj.duplicate = reader.bool()
              break
            }
            case 5: {
              obj.reason = reader.string()
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
                field: `${prefix}.status`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.duplicate`,
                value: reader.bool()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.reason`,
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

  export interface PutReplyIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface PutReplyStatusFieldEvent {
    field: '$.status'
    value: string
  }

  export interface PutReplySeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface PutReplyDuplicateFieldEvent {
    field: '$.duplicate'
    value: boolean
  }

  export interface PutReplyReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<PutReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PutReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<PutReply>): PutReply {
    return decodeMessage(buf, PutReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<PutReply>): Generator<PutReplyIdFieldEvent | PutReplyStatusFieldEvent | PutReplySeqFieldEvent | PutReplyDuplicateFieldEvent | PutReplyReasonFieldEvent> {
    return streamMessage(buf, PutReply.codec(), opts)
  }
}

export interface FenceReply {
  status: string
  reason: string
  deadline: number
  credited: boolean
}

export namespace FenceReply {
  let _codec: Codec<FenceReply, Partial<FenceReply>>

  export const codec = (): Codec<FenceReply, Partial<FenceReply>> => {
    if (_codec == null) {
      _codec = message<FenceReply, Partial<FenceReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.status != null && obj.status !== '')) {
          w.uint32(10)
          w.string(obj.status)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(18)
          w.string(obj.reason)
        }

        if ((obj.deadline != null && obj.deadline !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.deadline)
        }

        if ((obj.credited != null && obj.credited !== false)) {
          w.uint32(32)
          w.bool(obj.credited)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: '',
          reason: '',
          deadline: 0,
          credited: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = reader.string()
              break
            }
            case 2: {
              obj.reason = reader.string()
              break
            }
            case 3: {
              obj.deadline = reader.uint64Number()
              break
            }
            case 4: {
              obj.credited = reader.bool()
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
                field: `${prefix}.status`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.deadline`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.credited`,
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

  export interface FenceReplyStatusFieldEvent {
    field: '$.status'
    value: string
  }

  export interface FenceReplyReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface FenceReplyDeadlineFieldEvent {
    field: '$.deadline'
    value: number
  }

  export interface FenceReplyCreditedFieldEvent {
    field: '$.credited'
    value: boolean
  }

  export function encode (obj: Partial<FenceReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FenceReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<FenceReply>): FenceReply {
    return decodeMessage(buf, FenceReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<FenceReply>): Generator<FenceReplyStatusFieldEvent | FenceReplyReasonFieldEvent | FenceReplyDeadlineFieldEvent | FenceReplyCreditedFieldEvent> {
    return streamMessage(buf, FenceReply.codec(), opts)
  }
}

export interface StatsReply {
  ready: number
  leased: number
  delayed: number
  dead: number
  bytes: number
  owner: string
  replicas: string[]
  term: number
  commitIndex: number
  appliedIndex: number
  commitLag: number
  totalPut: number
  totalAcked: number
  totalDelivered: number
  totalExpired: number
  totalDeadLettered: number
  consumers: number
}

export namespace StatsReply {
  let _codec: Codec<StatsReply, Partial<StatsReply>>

  export const codec = (): Codec<StatsReply, Partial<StatsReply>> => {
    if (_codec == null) {
      _codec = message<StatsReply, Partial<StatsReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ready != null && obj.ready !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.ready)
        }

        if ((obj.leased != null && obj.leased !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.leased)
        }

        if ((obj.delayed != null && obj.delayed !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.delayed)
        }

        if ((obj.dead != null && obj.dead !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.dead)
        }

        if ((obj.bytes != null && obj.bytes !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.bytes)
        }

        if ((obj.owner != null && obj.owner !== '')) {
          w.uint32(50)
          w.string(obj.owner)
        }

        if (obj.replicas != null && obj.replicas.length > 0) {
          for (const value of obj.replicas) {
            w.uint32(58)
            w.string(value)
          }
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.term)
        }

        if ((obj.commitIndex != null && obj.commitIndex !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.commitIndex)
        }

        if ((obj.appliedIndex != null && obj.appliedIndex !== 0)) {
          w.uint32(80)
          w.uint64Number(obj.appliedIndex)
        }

        if ((obj.commitLag != null && obj.commitLag !== 0)) {
          w.uint32(88)
          w.uint64Number(obj.commitLag)
        }

        if ((obj.totalPut != null && obj.totalPut !== 0)) {
          w.uint32(96)
          w.uint64Number(obj.totalPut)
        }

        if ((obj.totalAcked != null && obj.totalAcked !== 0)) {
          w.uint32(104)
          w.uint64Number(obj.totalAcked)
        }

        if ((obj.totalDelivered != null && obj.totalDelivered !== 0)) {
          w.uint32(112)
          w.uint64Number(obj.totalDelivered)
        }

        if ((obj.totalExpired != null && obj.totalExpired !== 0)) {
          w.uint32(120)
          w.uint64Number(obj.totalExpired)
        }

        if ((obj.totalDeadLettered != null && obj.totalDeadLettered !== 0)) {
          w.uint32(128)
          w.uint64Number(obj.totalDeadLettered)
        }

        if ((obj.consumers != null && obj.consumers !== 0)) {
          w.uint32(136)
          w.uint64Number(obj.consumers)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ready: 0,
          leased: 0,
          delayed: 0,
          dead: 0,
          bytes: 0,
          owner: '',
          replicas: [],
          term: 0,
          commitIndex: 0,
          appliedIndex: 0,
          commitLag: 0,
          totalPut: 0,
          totalAcked: 0,
          totalDelivered: 0,
          totalExpired: 0,
          totalDeadLettered: 0,
          consumers: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ready = reader.uint64Number()
              break
            }
            case 2: {
              obj.leased = reader.uint64Number()
              break
            }
            case 3: {
              obj.delayed = reader.uint64Number()
              break
            }
            case 4: {
              obj.dead = reader.uint64Number()
              break
            }
            case 5: {
              obj.bytes = reader.uint64Number()
              break
            }
            case 6: {
              obj.owner = reader.string()
              break
            }
            case 7: {
              if (opts.limits?.replicas != null && obj.replicas.length === opts.limits.replicas) {
                throw new MaxLengthError('Decode error - repeated field "replicas" had too many elements')
              }

              obj.replicas.push(reader.string())
              break
            }
            case 8: {
              obj.term = reader.uint64Number()
              break
            }
            case 9: {
              obj.commitIndex = reader.uint64Number()
              break
            }
            case 10: {
              obj.appliedIndex = reader.uint64Number()
              break
            }
            case 11: {
              obj.commitLag = reader.uint64Number()
              break
            }
            case 12: {
              obj.totalPut = reader.uint64Number()
              break
            }
            case 13: {
              obj.totalAcked = reader.uint64Number()
              break
            }
            case 14: {
              obj.totalDelivered = reader.uint64Number()
              break
            }
            case 15: {
              obj.totalExpired = reader.uint64Number()
              break
            }
            case 16: {
              obj.totalDeadLettered = reader.uint64Number()
              break
            }
            case 17: {
              obj.consumers = reader.uint64Number()
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
          replicas: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.ready`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.leased`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.delayed`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.dead`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.bytes`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.owner`,
                value: reader.string()
              }
              break
            }
            case 7: {
              if (opts.limits?.replicas != null && obj.replicas === opts.limits.replicas) {
                throw new MaxLengthError('Streaming decode error - repeated field "replicas" had too many elements')
              }

              yield {
                field: `${prefix}.replicas[]`,
                index: obj.replicas,
                value: reader.string()
              }

              obj.replicas++

              break
            }
            case 8: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.commitIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.appliedIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.commitLag`,
                value: reader.uint64Number()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.totalPut`,
                value: reader.uint64Number()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.totalAcked`,
                value: reader.uint64Number()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.totalDelivered`,
                value: reader.uint64Number()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.totalExpired`,
                value: reader.uint64Number()
              }
              break
            }
            case 16: {
              yield {
                field: `${prefix}.totalDeadLettered`,
                value: reader.uint64Number()
              }
              break
            }
            case 17: {
              yield {
                field: `${prefix}.consumers`,
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

  export interface StatsReplyReadyFieldEvent {
    field: '$.ready'
    value: number
  }

  export interface StatsReplyLeasedFieldEvent {
    field: '$.leased'
    value: number
  }

  export interface StatsReplyDelayedFieldEvent {
    field: '$.delayed'
    value: number
  }

  export interface StatsReplyDeadFieldEvent {
    field: '$.dead'
    value: number
  }

  export interface StatsReplyBytesFieldEvent {
    field: '$.bytes'
    value: number
  }

  export interface StatsReplyOwnerFieldEvent {
    field: '$.owner'
    value: string
  }

  export interface StatsReplyReplicasFieldEvent {
    field: '$.replicas[]'
    index: number
    value: string
  }

  export interface StatsReplyTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface StatsReplyCommitIndexFieldEvent {
    field: '$.commitIndex'
    value: number
  }

  export interface StatsReplyAppliedIndexFieldEvent {
    field: '$.appliedIndex'
    value: number
  }

  export interface StatsReplyCommitLagFieldEvent {
    field: '$.commitLag'
    value: number
  }

  export interface StatsReplyTotalPutFieldEvent {
    field: '$.totalPut'
    value: number
  }

  export interface StatsReplyTotalAckedFieldEvent {
    field: '$.totalAcked'
    value: number
  }

  export interface StatsReplyTotalDeliveredFieldEvent {
    field: '$.totalDelivered'
    value: number
  }

  export interface StatsReplyTotalExpiredFieldEvent {
    field: '$.totalExpired'
    value: number
  }

  export interface StatsReplyTotalDeadLetteredFieldEvent {
    field: '$.totalDeadLettered'
    value: number
  }

  export interface StatsReplyConsumersFieldEvent {
    field: '$.consumers'
    value: number
  }

  export function encode (obj: Partial<StatsReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatsReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<StatsReply>): StatsReply {
    return decodeMessage(buf, StatsReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<StatsReply>): Generator<StatsReplyReadyFieldEvent | StatsReplyLeasedFieldEvent | StatsReplyDelayedFieldEvent | StatsReplyDeadFieldEvent | StatsReplyBytesFieldEvent | StatsReplyOwnerFieldEvent | StatsReplyReplicasFieldEvent | StatsReplyTermFieldEvent | StatsReplyCommitIndexFieldEvent | StatsReplyAppliedIndexFieldEvent | StatsReplyCommitLagFieldEvent | StatsReplyTotalPutFieldEvent | StatsReplyTotalAckedFieldEvent | StatsReplyTotalDeliveredFieldEvent | StatsReplyTotalExpiredFieldEvent | StatsReplyTotalDeadLetteredFieldEvent | StatsReplyConsumersFieldEvent> {
    return streamMessage(buf, StatsReply.codec(), opts)
  }
}

export interface DeadMessage {
  id: string
  payload: Uint8Array<ArrayBuffer>
  reason: string
  attempt: number
  deadAt: number
  enqueuedAt: number
}

export namespace DeadMessage {
  let _codec: Codec<DeadMessage, Partial<DeadMessage>>

  export const codec = (): Codec<DeadMessage, Partial<DeadMessage>> => {
    if (_codec == null) {
      _codec = message<DeadMessage, Partial<DeadMessage>>((obj, w, opts = {}) => {
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

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(32)
          w.uint32(obj.attempt)
        }

        if ((obj.deadAt != null && obj.deadAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.deadAt)
        }

        if ((obj.enqueuedAt != null && obj.enqueuedAt !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.enqueuedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          payload: uint8ArrayAlloc(0),
          reason: '',
          attempt: 0,
          deadAt: 0,
          enqueuedAt: 0
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
              obj.reason = reader.string()
              break
            }
            case 4: {
              obj.attempt = reader.uint32()
              break
            }
            case 5: {
              obj.deadAt = reader.uint64Number()
              break
            }
            case 6: {
              obj.enqueuedAt = reader.uint64Number()
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
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.deadAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.enqueuedAt`,
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

  export interface DeadMessageIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface DeadMessagePayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeadMessageReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface DeadMessageAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface DeadMessageDeadAtFieldEvent {
    field: '$.deadAt'
    value: number
  }

  export interface DeadMessageEnqueuedAtFieldEvent {
    field: '$.enqueuedAt'
    value: number
  }

  export function encode (obj: Partial<DeadMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeadMessage.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DeadMessage>): DeadMessage {
    return decodeMessage(buf, DeadMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DeadMessage>): Generator<DeadMessageIdFieldEvent | DeadMessagePayloadFieldEvent | DeadMessageReasonFieldEvent | DeadMessageAttemptFieldEvent | DeadMessageDeadAtFieldEvent | DeadMessageEnqueuedAtFieldEvent> {
    return streamMessage(buf, DeadMessage.codec(), opts)
  }
}

export interface RequeueReply {
  requeued: string[]
  missing: string[]
}

export namespace RequeueReply {
  let _codec: Codec<RequeueReply, Partial<RequeueReply>>

  export const codec = (): Codec<RequeueReply, Partial<RequeueReply>> => {
    if (_codec == null) {
      _codec = message<RequeueReply, Partial<RequeueReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.requeued != null && obj.requeued.length > 0) {
          for (const value of obj.requeued) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (obj.missing != null && obj.missing.length > 0) {
          for (const value of obj.missing) {
            w.uint32(18)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          requeued: [],
          missing: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.requeued != null && obj.requeued.length === opts.limits.requeued) {
                throw new MaxLengthError('Decode error - repeated field "requeued" had too many elements')
              }

              obj.requeued.push(reader.string())
              break
            }
            case 2: {
              if (opts.limits?.missing != null && obj.missing.length === opts.limits.missing) {
                throw new MaxLengthError('Decode error - repeated field "missing" had too many elements')
              }

              obj.missing.push(reader.string())
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
          requeued: 0,
          missing: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.requeued != null && obj.requeued === opts.limits.requeued) {
                throw new MaxLengthError('Streaming decode error - repeated field "requeued" had too many elements')
              }

              yield {
                field: `${prefix}.requeued[]`,
                index: obj.requeued,
                value: reader.string()
              }

              obj.requeued++

              break
            }
            case 2: {
              if (opts.limits?.missing != null && obj.missing === opts.limits.missing) {
                throw new MaxLengthError('Streaming decode error - repeated field "missing" had too many elements')
              }

              yield {
                field: `${prefix}.missing[]`,
                index: obj.missing,
                value: reader.string()
              }

              obj.missing++

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

  export interface RequeueReplyRequeuedFieldEvent {
    field: '$.requeued[]'
    index: number
    value: string
  }

  export interface RequeueReplyMissingFieldEvent {
    field: '$.missing[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<RequeueReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RequeueReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<RequeueReply>): RequeueReply {
    return decodeMessage(buf, RequeueReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<RequeueReply>): Generator<RequeueReplyRequeuedFieldEvent | RequeueReplyMissingFieldEvent> {
    return streamMessage(buf, RequeueReply.codec(), opts)
  }
}

export interface DeliveryMsg {
  fence?: FenceMsg
  deadline: number
  payload: Uint8Array<ArrayBuffer>
  enqueuedAt: number
}

export namespace DeliveryMsg {
  let _codec: Codec<DeliveryMsg, Partial<DeliveryMsg>>

  export const codec = (): Codec<DeliveryMsg, Partial<DeliveryMsg>> => {
    if (_codec == null) {
      _codec = message<DeliveryMsg, Partial<DeliveryMsg>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.fence != null) {
          w.uint32(10)
          FenceMsg.codec().encode(obj.fence, w)
        }

        if ((obj.deadline != null && obj.deadline !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.deadline)
        }

        if ((obj.payload != null && obj.payload.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.payload)
        }

        if ((obj.enqueuedAt != null && obj.enqueuedAt !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.enqueuedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          deadline: 0,
          payload: uint8ArrayAlloc(0),
          enqueuedAt: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.fence = FenceMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fence
              })
              break
            }
            case 2: {
              obj.deadline = reader.uint64Number()
              break
            }
            case 3: {
              obj.payload = reader.bytes()
              break
            }
            case 4: {
              obj.enqueuedAt = reader.uint64Number()
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
              yield * FenceMsg.codec().stream(reader, reader.uint32(), `${prefix}.fence`, {
                limits: opts.limits?.fence
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.deadline`,
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
                field: `${prefix}.enqueuedAt`,
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

  export interface DeliveryMsgFenceIdFieldEvent {
    field: '$.fence.id'
    value: string
  }

  export interface DeliveryMsgFenceSeqFieldEvent {
    field: '$.fence.seq'
    value: number
  }

  export interface DeliveryMsgFenceConsumerFieldEvent {
    field: '$.fence.consumer'
    value: string
  }

  export interface DeliveryMsgFenceTermFieldEvent {
    field: '$.fence.term'
    value: number
  }

  export interface DeliveryMsgFenceAttemptFieldEvent {
    field: '$.fence.attempt'
    value: number
  }

  export interface DeliveryMsgDeadlineFieldEvent {
    field: '$.deadline'
    value: number
  }

  export interface DeliveryMsgPayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryMsgEnqueuedAtFieldEvent {
    field: '$.enqueuedAt'
    value: number
  }

  export function encode (obj: Partial<DeliveryMsg>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliveryMsg.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DeliveryMsg>): DeliveryMsg {
    return decodeMessage(buf, DeliveryMsg.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DeliveryMsg>): Generator<DeliveryMsgFenceIdFieldEvent | DeliveryMsgFenceSeqFieldEvent | DeliveryMsgFenceConsumerFieldEvent | DeliveryMsgFenceTermFieldEvent | DeliveryMsgFenceAttemptFieldEvent | DeliveryMsgDeadlineFieldEvent | DeliveryMsgPayloadFieldEvent | DeliveryMsgEnqueuedAtFieldEvent> {
    return streamMessage(buf, DeliveryMsg.codec(), opts)
  }
}

export interface Push {
  session: number
  queue: string
  deliveries: DeliveryMsg[]
  closed: boolean
  reason: string
  leaderHint: string
}

export namespace Push {
  let _codec: Codec<Push, Partial<Push>>

  export const codec = (): Codec<Push, Partial<Push>> => {
    if (_codec == null) {
      _codec = message<Push, Partial<Push>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.session != null && obj.session !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.session)
        }

        if ((obj.queue != null && obj.queue !== '')) {
          w.uint32(18)
          w.string(obj.queue)
        }

        if (obj.deliveries != null && obj.deliveries.length > 0) {
          for (const value of obj.deliveries) {
            w.uint32(26)
            DeliveryMsg.codec().encode(value, w)
          }
        }

        if ((obj.closed != null && obj.closed !== false)) {
          w.uint32(32)
          w.bool(obj.closed)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(42)
          w.string(obj.reason)
        }

        if ((obj.leaderHint != null && obj.leaderHint !== '')) {
          w.uint32(50)
          w.string(obj.leaderHint)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          session: 0,
          queue: '',
          deliveries: [],
          closed: false,
          reason: '',
          leaderHint: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.session = reader.uint64Number()
              break
            }
            case 2: {
              obj.queue = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.deliveries != null && obj.deliveries.length === opts.limits.deliveries) {
                throw new MaxLengthError('Decode error - repeated field "deliveries" had too many elements')
              }

              obj.deliveries.push(DeliveryMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.deliveries$
              }))
              break
            }
            case 4: {
              obj.closed = reader.bool()
              break
            }
            case 5: {
              obj.reason = reader.string()
              break
            }
            case 6: {
              obj.leaderHint = reader.string()
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
          deliveries: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.session`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.queue`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.deliveries != null && obj.deliveries === opts.limits.deliveries) {
                throw new MaxLengthError('Streaming decode error - repeated field "deliveries" had too many elements')
              }

              for (const evt of DeliveryMsg.codec().stream(reader, reader.uint32(), `${prefix}.deliveries[]`, {
                limits: opts.limits?.deliveries$
              })) {
                yield {
                  ...evt,
                  index: obj.deliveries
                }
              }

              obj.deliveries++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.closed`,
                value: reader.bool()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.leaderHint`,
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

  export interface PushSessionFieldEvent {
    field: '$.session'
    value: number
  }

  export interface PushQueueFieldEvent {
    field: '$.queue'
    value: string
  }

  export interface PushDeliveriesFenceIdFieldEvent {
    field: '$.deliveries[].fence.id'
    value: string
    index: number
  }

  export interface PushDeliveriesFenceSeqFieldEvent {
    field: '$.deliveries[].fence.seq'
    value: number
    index: number
  }

  export interface PushDeliveriesFenceConsumerFieldEvent {
    field: '$.deliveries[].fence.consumer'
    value: string
    index: number
  }

  export interface PushDeliveriesFenceTermFieldEvent {
    field: '$.deliveries[].fence.term'
    value: number
    index: number
  }

  export interface PushDeliveriesFenceAttemptFieldEvent {
    field: '$.deliveries[].fence.attempt'
    value: number
    index: number
  }

  export interface PushDeliveriesDeadlineFieldEvent {
    field: '$.deliveries[].deadline'
    value: number
    index: number
  }

  export interface PushDeliveriesPayloadFieldEvent {
    field: '$.deliveries[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushDeliveriesEnqueuedAtFieldEvent {
    field: '$.deliveries[].enqueuedAt'
    value: number
    index: number
  }

  export interface PushClosedFieldEvent {
    field: '$.closed'
    value: boolean
  }

  export interface PushReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface PushLeaderHintFieldEvent {
    field: '$.leaderHint'
    value: string
  }

  export function encode (obj: Partial<Push>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Push.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Push>): Push {
    return decodeMessage(buf, Push.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Push>): Generator<PushSessionFieldEvent | PushQueueFieldEvent | PushDeliveriesFenceIdFieldEvent | PushDeliveriesFenceSeqFieldEvent | PushDeliveriesFenceConsumerFieldEvent | PushDeliveriesFenceTermFieldEvent | PushDeliveriesFenceAttemptFieldEvent | PushDeliveriesDeadlineFieldEvent | PushDeliveriesPayloadFieldEvent | PushDeliveriesEnqueuedAtFieldEvent | PushClosedFieldEvent | PushReasonFieldEvent | PushLeaderHintFieldEvent> {
    return streamMessage(buf, Push.codec(), opts)
  }
}
