// Generated from control.proto by ./regen.sh (protons 9, adapted to protons-runtime 8). Do not edit.
import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'

export interface Settings {
  replicas: number
  maxLength: number
  maxBytes: number
  maxDeliveries: number
  dedupWindowMs: number
  ackTimeoutMs: number
}

export namespace Settings {
  let _codec: Codec<Settings, Partial<Settings>>

  export const codec = (): Codec<Settings, Partial<Settings>> => {
    if (_codec == null) {
      _codec = message<Settings, Partial<Settings>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.replicas != null && obj.replicas !== 0)) {
          w.uint32(8)
          w.uint32(obj.replicas)
        }

        if ((obj.maxLength != null && obj.maxLength !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.maxLength)
        }

        if ((obj.maxBytes != null && obj.maxBytes !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.maxBytes)
        }

        if ((obj.maxDeliveries != null && obj.maxDeliveries !== 0)) {
          w.uint32(32)
          w.uint32(obj.maxDeliveries)
        }

        if ((obj.dedupWindowMs != null && obj.dedupWindowMs !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.dedupWindowMs)
        }

        if ((obj.ackTimeoutMs != null && obj.ackTimeoutMs !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.ackTimeoutMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          replicas: 0,
          maxLength: 0,
          maxBytes: 0,
          maxDeliveries: 0,
          dedupWindowMs: 0,
          ackTimeoutMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.replicas = reader.uint32()
              break
            }
            case 2: {
              obj.maxLength = reader.uint64Number()
              break
            }
            case 3: {
              obj.maxBytes = reader.uint64Number()
              break
            }
            case 4: {
              obj.maxDeliveries = reader.uint32()
              break
            }
            case 5: {
              obj.dedupWindowMs = reader.uint64Number()
              break
            }
            case 6: {
              obj.ackTimeoutMs = reader.uint64Number()
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
                field: `${prefix}.replicas`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.maxLength`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.maxBytes`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.maxDeliveries`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.dedupWindowMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.ackTimeoutMs`,
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

  export interface SettingsReplicasFieldEvent {
    field: '$.replicas'
    value: number
  }

  export interface SettingsMaxLengthFieldEvent {
    field: '$.maxLength'
    value: number
  }

  export interface SettingsMaxBytesFieldEvent {
    field: '$.maxBytes'
    value: number
  }

  export interface SettingsMaxDeliveriesFieldEvent {
    field: '$.maxDeliveries'
    value: number
  }

  export interface SettingsDedupWindowMsFieldEvent {
    field: '$.dedupWindowMs'
    value: number
  }

  export interface SettingsAckTimeoutMsFieldEvent {
    field: '$.ackTimeoutMs'
    value: number
  }

  export function encode (obj: Partial<Settings>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Settings.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Settings>): Settings {
    return decodeMessage(buf, Settings.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Settings>): Generator<SettingsReplicasFieldEvent | SettingsMaxLengthFieldEvent | SettingsMaxBytesFieldEvent | SettingsMaxDeliveriesFieldEvent | SettingsDedupWindowMsFieldEvent | SettingsAckTimeoutMsFieldEvent> {
    return streamMessage(buf, Settings.codec(), opts)
  }
}

export interface Placement {
  queue: string
  replicas: string[]
  preferredOwner: string
  version: number
  settings?: Settings
}

export namespace Placement {
  let _codec: Codec<Placement, Partial<Placement>>

  export const codec = (): Codec<Placement, Partial<Placement>> => {
    if (_codec == null) {
      _codec = message<Placement, Partial<Placement>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.queue != null && obj.queue !== '')) {
          w.uint32(10)
          w.string(obj.queue)
        }

        if (obj.replicas != null && obj.replicas.length > 0) {
          for (const value of obj.replicas) {
            w.uint32(18)
            w.string(value)
          }
        }

        if ((obj.preferredOwner != null && obj.preferredOwner !== '')) {
          w.uint32(26)
          w.string(obj.preferredOwner)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.version)
        }

        if (obj.settings != null) {
          w.uint32(42)
          Settings.codec().encode(obj.settings, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          queue: '',
          replicas: [],
          preferredOwner: '',
          version: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.queue = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.replicas != null && obj.replicas.length === opts.limits.replicas) {
                throw new MaxLengthError('Decode error - repeated field "replicas" had too many elements')
              }

              obj.replicas.push(reader.string())
              break
            }
            case 3: {
              obj.preferredOwner = reader.string()
              break
            }
            case 4: {
              obj.version = reader.uint64Number()
              break
            }
            case 5: {
              obj.settings = Settings.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.settings
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
          replicas: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.queue`,
                value: reader.string()
              }
              break
            }
            case 2: {
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
            case 3: {
              yield {
                field: `${prefix}.preferredOwner`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield * Settings.codec().stream(reader, reader.uint32(), `${prefix}.settings`, {
                limits: opts.limits?.settings
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

  export interface PlacementQueueFieldEvent {
    field: '$.queue'
    value: string
  }

  export interface PlacementReplicasFieldEvent {
    field: '$.replicas[]'
    index: number
    value: string
  }

  export interface PlacementPreferredOwnerFieldEvent {
    field: '$.preferredOwner'
    value: string
  }

  export interface PlacementVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface PlacementSettingsReplicasFieldEvent {
    field: '$.settings.replicas'
    value: number
  }

  export interface PlacementSettingsMaxLengthFieldEvent {
    field: '$.settings.maxLength'
    value: number
  }

  export interface PlacementSettingsMaxBytesFieldEvent {
    field: '$.settings.maxBytes'
    value: number
  }

  export interface PlacementSettingsMaxDeliveriesFieldEvent {
    field: '$.settings.maxDeliveries'
    value: number
  }

  export interface PlacementSettingsDedupWindowMsFieldEvent {
    field: '$.settings.dedupWindowMs'
    value: number
  }

  export interface PlacementSettingsAckTimeoutMsFieldEvent {
    field: '$.settings.ackTimeoutMs'
    value: number
  }

  export function encode (obj: Partial<Placement>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Placement.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Placement>): Placement {
    return decodeMessage(buf, Placement.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Placement>): Generator<PlacementQueueFieldEvent | PlacementReplicasFieldEvent | PlacementPreferredOwnerFieldEvent | PlacementVersionFieldEvent | PlacementSettingsReplicasFieldEvent | PlacementSettingsMaxLengthFieldEvent | PlacementSettingsMaxBytesFieldEvent | PlacementSettingsMaxDeliveriesFieldEvent | PlacementSettingsDedupWindowMsFieldEvent | PlacementSettingsAckTimeoutMsFieldEvent> {
    return streamMessage(buf, Placement.codec(), opts)
  }
}

export interface Member {
  id: string
  lastSeen: number
  up: boolean
}

export namespace Member {
  let _codec: Codec<Member, Partial<Member>>

  export const codec = (): Codec<Member, Partial<Member>> => {
    if (_codec == null) {
      _codec = message<Member, Partial<Member>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.lastSeen != null && obj.lastSeen !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.lastSeen)
        }

        if ((obj.up != null && obj.up !== false)) {
          w.uint32(24)
          w.bool(obj.up)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          lastSeen: 0,
          up: false
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
              obj.lastSeen = reader.uint64Number()
              break
            }
            case 3: {
              obj.up = reader.bool()
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
                field: `${prefix}.lastSeen`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.up`,
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

  export interface MemberIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface MemberLastSeenFieldEvent {
    field: '$.lastSeen'
    value: number
  }

  export interface MemberUpFieldEvent {
    field: '$.up'
    value: boolean
  }

  export function encode (obj: Partial<Member>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Member.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Member>): Member {
    return decodeMessage(buf, Member.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Member>): Generator<MemberIdFieldEvent | MemberLastSeenFieldEvent | MemberUpFieldEvent> {
    return streamMessage(buf, Member.codec(), opts)
  }
}

export interface FoundCommand {
  clusterId: string
  founders: string[]
}

export namespace FoundCommand {
  let _codec: Codec<FoundCommand, Partial<FoundCommand>>

  export const codec = (): Codec<FoundCommand, Partial<FoundCommand>> => {
    if (_codec == null) {
      _codec = message<FoundCommand, Partial<FoundCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if (obj.founders != null && obj.founders.length > 0) {
          for (const value of obj.founders) {
            w.uint32(18)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          founders: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.founders != null && obj.founders.length === opts.limits.founders) {
                throw new MaxLengthError('Decode error - repeated field "founders" had too many elements')
              }

              obj.founders.push(reader.string())
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
          founders: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.founders != null && obj.founders === opts.limits.founders) {
                throw new MaxLengthError('Streaming decode error - repeated field "founders" had too many elements')
              }

              yield {
                field: `${prefix}.founders[]`,
                index: obj.founders,
                value: reader.string()
              }

              obj.founders++

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

  export interface FoundCommandClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface FoundCommandFoundersFieldEvent {
    field: '$.founders[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<FoundCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FoundCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<FoundCommand>): FoundCommand {
    return decodeMessage(buf, FoundCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<FoundCommand>): Generator<FoundCommandClusterIdFieldEvent | FoundCommandFoundersFieldEvent> {
    return streamMessage(buf, FoundCommand.codec(), opts)
  }
}

export interface JoinCommand {
  peer: string
}

export namespace JoinCommand {
  let _codec: Codec<JoinCommand, Partial<JoinCommand>>

  export const codec = (): Codec<JoinCommand, Partial<JoinCommand>> => {
    if (_codec == null) {
      _codec = message<JoinCommand, Partial<JoinCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.peer != null && obj.peer !== '')) {
          w.uint32(10)
          w.string(obj.peer)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peer: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.peer = reader.string()
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
                field: `${prefix}.peer`,
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

  export interface JoinCommandPeerFieldEvent {
    field: '$.peer'
    value: string
  }

  export function encode (obj: Partial<JoinCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JoinCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<JoinCommand>): JoinCommand {
    return decodeMessage(buf, JoinCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<JoinCommand>): Generator<JoinCommandPeerFieldEvent> {
    return streamMessage(buf, JoinCommand.codec(), opts)
  }
}

export interface LivenessCommand {
  up: string[]
  down: string[]
}

export namespace LivenessCommand {
  let _codec: Codec<LivenessCommand, Partial<LivenessCommand>>

  export const codec = (): Codec<LivenessCommand, Partial<LivenessCommand>> => {
    if (_codec == null) {
      _codec = message<LivenessCommand, Partial<LivenessCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.up != null && obj.up.length > 0) {
          for (const value of obj.up) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (obj.down != null && obj.down.length > 0) {
          for (const value of obj.down) {
            w.uint32(18)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          up: [],
          down: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.up != null && obj.up.length === opts.limits.up) {
                throw new MaxLengthError('Decode error - repeated field "up" had too many elements')
              }

              obj.up.push(reader.string())
              break
            }
            case 2: {
              if (opts.limits?.down != null && obj.down.length === opts.limits.down) {
                throw new MaxLengthError('Decode error - repeated field "down" had too many elements')
              }

              obj.down.push(reader.string())
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
          up: 0,
          down: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.up != null && obj.up === opts.limits.up) {
                throw new MaxLengthError('Streaming decode error - repeated field "up" had too many elements')
              }

              yield {
                field: `${prefix}.up[]`,
                index: obj.up,
                value: reader.string()
              }

              obj.up++

              break
            }
            case 2: {
              if (opts.limits?.down != null && obj.down === opts.limits.down) {
                throw new MaxLengthError('Streaming decode error - repeated field "down" had too many elements')
              }

              yield {
                field: `${prefix}.down[]`,
                index: obj.down,
                value: reader.string()
              }

              obj.down++

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

  export interface LivenessCommandUpFieldEvent {
    field: '$.up[]'
    index: number
    value: string
  }

  export interface LivenessCommandDownFieldEvent {
    field: '$.down[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<LivenessCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LivenessCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<LivenessCommand>): LivenessCommand {
    return decodeMessage(buf, LivenessCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<LivenessCommand>): Generator<LivenessCommandUpFieldEvent | LivenessCommandDownFieldEvent> {
    return streamMessage(buf, LivenessCommand.codec(), opts)
  }
}

export interface DeclareCommand {
  queue: string
  settings?: Settings
}

export namespace DeclareCommand {
  let _codec: Codec<DeclareCommand, Partial<DeclareCommand>>

  export const codec = (): Codec<DeclareCommand, Partial<DeclareCommand>> => {
    if (_codec == null) {
      _codec = message<DeclareCommand, Partial<DeclareCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.queue != null && obj.queue !== '')) {
          w.uint32(10)
          w.string(obj.queue)
        }

        if (obj.settings != null) {
          w.uint32(18)
          Settings.codec().encode(obj.settings, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          queue: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.queue = reader.string()
              break
            }
            case 2: {
              obj.settings = Settings.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.settings
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
                field: `${prefix}.queue`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield * Settings.codec().stream(reader, reader.uint32(), `${prefix}.settings`, {
                limits: opts.limits?.settings
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

  export interface DeclareCommandQueueFieldEvent {
    field: '$.queue'
    value: string
  }

  export interface DeclareCommandSettingsReplicasFieldEvent {
    field: '$.settings.replicas'
    value: number
  }

  export interface DeclareCommandSettingsMaxLengthFieldEvent {
    field: '$.settings.maxLength'
    value: number
  }

  export interface DeclareCommandSettingsMaxBytesFieldEvent {
    field: '$.settings.maxBytes'
    value: number
  }

  export interface DeclareCommandSettingsMaxDeliveriesFieldEvent {
    field: '$.settings.maxDeliveries'
    value: number
  }

  export interface DeclareCommandSettingsDedupWindowMsFieldEvent {
    field: '$.settings.dedupWindowMs'
    value: number
  }

  export interface DeclareCommandSettingsAckTimeoutMsFieldEvent {
    field: '$.settings.ackTimeoutMs'
    value: number
  }

  export function encode (obj: Partial<DeclareCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeclareCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DeclareCommand>): DeclareCommand {
    return decodeMessage(buf, DeclareCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DeclareCommand>): Generator<DeclareCommandQueueFieldEvent | DeclareCommandSettingsReplicasFieldEvent | DeclareCommandSettingsMaxLengthFieldEvent | DeclareCommandSettingsMaxBytesFieldEvent | DeclareCommandSettingsMaxDeliveriesFieldEvent | DeclareCommandSettingsDedupWindowMsFieldEvent | DeclareCommandSettingsAckTimeoutMsFieldEvent> {
    return streamMessage(buf, DeclareCommand.codec(), opts)
  }
}

export interface UpdateCommand {
  queue: string
  replicas: string[]
  preferredOwner: string
  expectVersion: number
}

export namespace UpdateCommand {
  let _codec: Codec<UpdateCommand, Partial<UpdateCommand>>

  export const codec = (): Codec<UpdateCommand, Partial<UpdateCommand>> => {
    if (_codec == null) {
      _codec = message<UpdateCommand, Partial<UpdateCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.queue != null && obj.queue !== '')) {
          w.uint32(10)
          w.string(obj.queue)
        }

        if (obj.replicas != null && obj.replicas.length > 0) {
          for (const value of obj.replicas) {
            w.uint32(18)
            w.string(value)
          }
        }

        if ((obj.preferredOwner != null && obj.preferredOwner !== '')) {
          w.uint32(26)
          w.string(obj.preferredOwner)
        }

        if ((obj.expectVersion != null && obj.expectVersion !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.expectVersion)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          queue: '',
          replicas: [],
          preferredOwner: '',
          expectVersion: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.queue = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.replicas != null && obj.replicas.length === opts.limits.replicas) {
                throw new MaxLengthError('Decode error - repeated field "replicas" had too many elements')
              }

              obj.replicas.push(reader.string())
              break
            }
            case 3: {
              obj.preferredOwner = reader.string()
              break
            }
            case 4: {
              obj.expectVersion = reader.uint64Number()
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
                field: `${prefix}.queue`,
                value: reader.string()
              }
              break
            }
            case 2: {
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
            case 3: {
              yield {
                field: `${prefix}.preferredOwner`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.expectVersion`,
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

  export interface UpdateCommandQueueFieldEvent {
    field: '$.queue'
    value: string
  }

  export interface UpdateCommandReplicasFieldEvent {
    field: '$.replicas[]'
    index: number
    value: string
  }

  export interface UpdateCommandPreferredOwnerFieldEvent {
    field: '$.preferredOwner'
    value: string
  }

  export interface UpdateCommandExpectVersionFieldEvent {
    field: '$.expectVersion'
    value: number
  }

  export function encode (obj: Partial<UpdateCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, UpdateCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<UpdateCommand>): UpdateCommand {
    return decodeMessage(buf, UpdateCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<UpdateCommand>): Generator<UpdateCommandQueueFieldEvent | UpdateCommandReplicasFieldEvent | UpdateCommandPreferredOwnerFieldEvent | UpdateCommandExpectVersionFieldEvent> {
    return streamMessage(buf, UpdateCommand.codec(), opts)
  }
}

export interface LeaveCommand {
  peer: string
}

export namespace LeaveCommand {
  let _codec: Codec<LeaveCommand, Partial<LeaveCommand>>

  export const codec = (): Codec<LeaveCommand, Partial<LeaveCommand>> => {
    if (_codec == null) {
      _codec = message<LeaveCommand, Partial<LeaveCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.peer != null && obj.peer !== '')) {
          w.uint32(10)
          w.string(obj.peer)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peer: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.peer = reader.string()
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
                field: `${prefix}.peer`,
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

  export interface LeaveCommandPeerFieldEvent {
    field: '$.peer'
    value: string
  }

  export function encode (obj: Partial<LeaveCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaveCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<LeaveCommand>): LeaveCommand {
    return decodeMessage(buf, LeaveCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<LeaveCommand>): Generator<LeaveCommandPeerFieldEvent> {
    return streamMessage(buf, LeaveCommand.codec(), opts)
  }
}

export interface ControlCommand {
  version: number
  now: number
  found?: FoundCommand
  join?: JoinCommand
  liveness?: LivenessCommand
  declare?: DeclareCommand
  update?: UpdateCommand
  leave?: LeaveCommand
}

export namespace ControlCommand {
  let _codec: Codec<ControlCommand, Partial<ControlCommand>>

  export const codec = (): Codec<ControlCommand, Partial<ControlCommand>> => {
    if (_codec == null) {
      _codec = message<ControlCommand, Partial<ControlCommand>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.leave != null) {
          obj.update = undefined
          obj.declare = undefined
          obj.liveness = undefined
          obj.join = undefined
          obj.found = undefined
        }

        if (obj.update != null) {
          obj.leave = undefined
          obj.declare = undefined
          obj.liveness = undefined
          obj.join = undefined
          obj.found = undefined
        }

        if (obj.declare != null) {
          obj.leave = undefined
          obj.update = undefined
          obj.liveness = undefined
          obj.join = undefined
          obj.found = undefined
        }

        if (obj.liveness != null) {
          obj.leave = undefined
          obj.update = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.found = undefined
        }

        if (obj.join != null) {
          obj.leave = undefined
          obj.update = undefined
          obj.declare = undefined
          obj.liveness = undefined
          obj.found = undefined
        }

        if (obj.found != null) {
          obj.leave = undefined
          obj.update = undefined
          obj.declare = undefined
          obj.liveness = undefined
          obj.join = undefined
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.now != null && obj.now !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.now)
        }

        if (obj.found != null) {
          w.uint32(82)
          FoundCommand.codec().encode(obj.found, w)
        }

        if (obj.join != null) {
          w.uint32(90)
          JoinCommand.codec().encode(obj.join, w)
        }

        if (obj.liveness != null) {
          w.uint32(98)
          LivenessCommand.codec().encode(obj.liveness, w)
        }

        if (obj.declare != null) {
          w.uint32(106)
          DeclareCommand.codec().encode(obj.declare, w)
        }

        if (obj.update != null) {
          w.uint32(114)
          UpdateCommand.codec().encode(obj.update, w)
        }

        if (obj.leave != null) {
          w.uint32(122)
          LeaveCommand.codec().encode(obj.leave, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
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
              obj.now = reader.uint64Number()
              break
            }
            case 10: {
              obj.found = FoundCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.found
              })
              break
            }
            case 11: {
              obj.join = JoinCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.join
              })
              break
            }
            case 12: {
              obj.liveness = LivenessCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.liveness
              })
              break
            }
            case 13: {
              obj.declare = DeclareCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.declare
              })
              break
            }
            case 14: {
              obj.update = UpdateCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.update
              })
              break
            }
            case 15: {
              obj.leave = LeaveCommand.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.leave
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.leave != null) {
          delete obj.update
          delete obj.declare
          delete obj.liveness
          delete obj.join
          delete obj.found
        }

        if (obj.update != null) {
          delete obj.leave
          delete obj.declare
          delete obj.liveness
          delete obj.join
          delete obj.found
        }

        if (obj.declare != null) {
          delete obj.leave
          delete obj.update
          delete obj.liveness
          delete obj.join
          delete obj.found
        }

        if (obj.liveness != null) {
          delete obj.leave
          delete obj.update
          delete obj.declare
          delete obj.join
          delete obj.found
        }

        if (obj.join != null) {
          delete obj.leave
          delete obj.update
          delete obj.declare
          delete obj.liveness
          delete obj.found
        }

        if (obj.found != null) {
          delete obj.leave
          delete obj.update
          delete obj.declare
          delete obj.liveness
          delete obj.join
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
                field: `${prefix}.now`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield * FoundCommand.codec().stream(reader, reader.uint32(), `${prefix}.found`, {
                limits: opts.limits?.found
              })

              break
            }
            case 11: {
              yield * JoinCommand.codec().stream(reader, reader.uint32(), `${prefix}.join`, {
                limits: opts.limits?.join
              })

              break
            }
            case 12: {
              yield * LivenessCommand.codec().stream(reader, reader.uint32(), `${prefix}.liveness`, {
                limits: opts.limits?.liveness
              })

              break
            }
            case 13: {
              yield * DeclareCommand.codec().stream(reader, reader.uint32(), `${prefix}.declare`, {
                limits: opts.limits?.declare
              })

              break
            }
            case 14: {
              yield * UpdateCommand.codec().stream(reader, reader.uint32(), `${prefix}.update`, {
                limits: opts.limits?.update
              })

              break
            }
            case 15: {
              yield * LeaveCommand.codec().stream(reader, reader.uint32(), `${prefix}.leave`, {
                limits: opts.limits?.leave
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

  export interface ControlCommandVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ControlCommandNowFieldEvent {
    field: '$.now'
    value: number
  }

  export interface ControlCommandFoundClusterIdFieldEvent {
    field: '$.found.clusterId'
    value: string
  }

  export interface ControlCommandFoundFoundersFieldEvent {
    field: '$.found.founders[]'
    index: number
    value: string
  }

  export interface ControlCommandJoinPeerFieldEvent {
    field: '$.join.peer'
    value: string
  }

  export interface ControlCommandLivenessUpFieldEvent {
    field: '$.liveness.up[]'
    index: number
    value: string
  }

  export interface ControlCommandLivenessDownFieldEvent {
    field: '$.liveness.down[]'
    index: number
    value: string
  }

  export interface ControlCommandDeclareQueueFieldEvent {
    field: '$.declare.queue'
    value: string
  }

  export interface ControlCommandDeclareSettingsReplicasFieldEvent {
    field: '$.declare.settings.replicas'
    value: number
  }

  export interface ControlCommandDeclareSettingsMaxLengthFieldEvent {
    field: '$.declare.settings.maxLength'
    value: number
  }

  export interface ControlCommandDeclareSettingsMaxBytesFieldEvent {
    field: '$.declare.settings.maxBytes'
    value: number
  }

  export interface ControlCommandDeclareSettingsMaxDeliveriesFieldEvent {
    field: '$.declare.settings.maxDeliveries'
    value: number
  }

  export interface ControlCommandDeclareSettingsDedupWindowMsFieldEvent {
    field: '$.declare.settings.dedupWindowMs'
    value: number
  }

  export interface ControlCommandDeclareSettingsAckTimeoutMsFieldEvent {
    field: '$.declare.settings.ackTimeoutMs'
    value: number
  }

  export interface ControlCommandUpdateQueueFieldEvent {
    field: '$.update.queue'
    value: string
  }

  export interface ControlCommandUpdateReplicasFieldEvent {
    field: '$.update.replicas[]'
    index: number
    value: string
  }

  export interface ControlCommandUpdatePreferredOwnerFieldEvent {
    field: '$.update.preferredOwner'
    value: string
  }

  export interface ControlCommandUpdateExpectVersionFieldEvent {
    field: '$.update.expectVersion'
    value: number
  }

  export interface ControlCommandLeavePeerFieldEvent {
    field: '$.leave.peer'
    value: string
  }

  export function encode (obj: Partial<ControlCommand>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ControlCommand.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ControlCommand>): ControlCommand {
    return decodeMessage(buf, ControlCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ControlCommand>): Generator<ControlCommandVersionFieldEvent | ControlCommandNowFieldEvent | ControlCommandFoundClusterIdFieldEvent | ControlCommandFoundFoundersFieldEvent | ControlCommandJoinPeerFieldEvent | ControlCommandLivenessUpFieldEvent | ControlCommandLivenessDownFieldEvent | ControlCommandDeclareQueueFieldEvent | ControlCommandDeclareSettingsReplicasFieldEvent | ControlCommandDeclareSettingsMaxLengthFieldEvent | ControlCommandDeclareSettingsMaxBytesFieldEvent | ControlCommandDeclareSettingsMaxDeliveriesFieldEvent | ControlCommandDeclareSettingsDedupWindowMsFieldEvent | ControlCommandDeclareSettingsAckTimeoutMsFieldEvent | ControlCommandUpdateQueueFieldEvent | ControlCommandUpdateReplicasFieldEvent | ControlCommandUpdatePreferredOwnerFieldEvent | ControlCommandUpdateExpectVersionFieldEvent | ControlCommandLeavePeerFieldEvent> {
    return streamMessage(buf, ControlCommand.codec(), opts)
  }
}

export interface ControlSnapshot {
  version: number
  clusterId: string
  founders: string[]
  members: Member[]
  placements: Placement[]
  now: number
}

export namespace ControlSnapshot {
  let _codec: Codec<ControlSnapshot, Partial<ControlSnapshot>>

  export const codec = (): Codec<ControlSnapshot, Partial<ControlSnapshot>> => {
    if (_codec == null) {
      _codec = message<ControlSnapshot, Partial<ControlSnapshot>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(18)
          w.string(obj.clusterId)
        }

        if (obj.founders != null && obj.founders.length > 0) {
          for (const value of obj.founders) {
            w.uint32(26)
            w.string(value)
          }
        }

        if (obj.members != null && obj.members.length > 0) {
          for (const value of obj.members) {
            w.uint32(34)
            Member.codec().encode(value, w)
          }
        }

        if (obj.placements != null && obj.placements.length > 0) {
          for (const value of obj.placements) {
            w.uint32(42)
            Placement.codec().encode(value, w)
          }
        }

        if ((obj.now != null && obj.now !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.now)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          clusterId: '',
          founders: [],
          members: [],
          placements: [],
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
              obj.clusterId = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.founders != null && obj.founders.length === opts.limits.founders) {
                throw new MaxLengthError('Decode error - repeated field "founders" had too many elements')
              }

              obj.founders.push(reader.string())
              break
            }
            case 4: {
              if (opts.limits?.members != null && obj.members.length === opts.limits.members) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              obj.members.push(Member.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.members$
              }))
              break
            }
            case 5: {
              if (opts.limits?.placements != null && obj.placements.length === opts.limits.placements) {
                throw new MaxLengthError('Decode error - repeated field "placements" had too many elements')
              }

              obj.placements.push(Placement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.placements$
              }))
              break
            }
            case 6: {
              obj.now = reader.uint64Number()
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
          founders: 0,
          members: 0,
          placements: 0
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
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.founders != null && obj.founders === opts.limits.founders) {
                throw new MaxLengthError('Streaming decode error - repeated field "founders" had too many elements')
              }

              yield {
                field: `${prefix}.founders[]`,
                index: obj.founders,
                value: reader.string()
              }

              obj.founders++

              break
            }
            case 4: {
              if (opts.limits?.members != null && obj.members === opts.limits.members) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              for (const evt of Member.codec().stream(reader, reader.uint32(), `${prefix}.members[]`, {
                limits: opts.limits?.members$
              })) {
                yield {
                  ...evt,
                  index: obj.members
                }
              }

              obj.members++

              break
            }
            case 5: {
              if (opts.limits?.placements != null && obj.placements === opts.limits.placements) {
                throw new MaxLengthError('Streaming decode error - repeated field "placements" had too many elements')
              }

              for (const evt of Placement.codec().stream(reader, reader.uint32(), `${prefix}.placements[]`, {
                limits: opts.limits?.placements$
              })) {
                yield {
                  ...evt,
                  index: obj.placements
                }
              }

              obj.placements++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.now`,
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

  export interface ControlSnapshotVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ControlSnapshotClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface ControlSnapshotFoundersFieldEvent {
    field: '$.founders[]'
    index: number
    value: string
  }

  export interface ControlSnapshotMembersIdFieldEvent {
    field: '$.members[].id'
    value: string
    index: number
  }

  export interface ControlSnapshotMembersLastSeenFieldEvent {
    field: '$.members[].lastSeen'
    value: number
    index: number
  }

  export interface ControlSnapshotMembersUpFieldEvent {
    field: '$.members[].up'
    value: boolean
    index: number
  }

  export interface ControlSnapshotPlacementsQueueFieldEvent {
    field: '$.placements[].queue'
    value: string
    index: number
  }

  export interface ControlSnapshotPlacementsReplicasFieldEvent {
    field: '$.placements[].replicas[]'
    index: number
    value: string
  }

  export interface ControlSnapshotPlacementsPreferredOwnerFieldEvent {
    field: '$.placements[].preferredOwner'
    value: string
    index: number
  }

  export interface ControlSnapshotPlacementsVersionFieldEvent {
    field: '$.placements[].version'
    value: number
    index: number
  }

  export interface ControlSnapshotPlacementsSettingsReplicasFieldEvent {
    field: '$.placements[].settings.replicas'
    value: number
    index: number
  }

  export interface ControlSnapshotPlacementsSettingsMaxLengthFieldEvent {
    field: '$.placements[].settings.maxLength'
    value: number
    index: number
  }

  export interface ControlSnapshotPlacementsSettingsMaxBytesFieldEvent {
    field: '$.placements[].settings.maxBytes'
    value: number
    index: number
  }

  export interface ControlSnapshotPlacementsSettingsMaxDeliveriesFieldEvent {
    field: '$.placements[].settings.maxDeliveries'
    value: number
    index: number
  }

  export interface ControlSnapshotPlacementsSettingsDedupWindowMsFieldEvent {
    field: '$.placements[].settings.dedupWindowMs'
    value: number
    index: number
  }

  export interface ControlSnapshotPlacementsSettingsAckTimeoutMsFieldEvent {
    field: '$.placements[].settings.ackTimeoutMs'
    value: number
    index: number
  }

  export interface ControlSnapshotNowFieldEvent {
    field: '$.now'
    value: number
  }

  export function encode (obj: Partial<ControlSnapshot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ControlSnapshot.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ControlSnapshot>): ControlSnapshot {
    return decodeMessage(buf, ControlSnapshot.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ControlSnapshot>): Generator<ControlSnapshotVersionFieldEvent | ControlSnapshotClusterIdFieldEvent | ControlSnapshotFoundersFieldEvent | ControlSnapshotMembersIdFieldEvent | ControlSnapshotMembersLastSeenFieldEvent | ControlSnapshotMembersUpFieldEvent | ControlSnapshotPlacementsQueueFieldEvent | ControlSnapshotPlacementsReplicasFieldEvent | ControlSnapshotPlacementsPreferredOwnerFieldEvent | ControlSnapshotPlacementsVersionFieldEvent | ControlSnapshotPlacementsSettingsReplicasFieldEvent | ControlSnapshotPlacementsSettingsMaxLengthFieldEvent | ControlSnapshotPlacementsSettingsMaxBytesFieldEvent | ControlSnapshotPlacementsSettingsMaxDeliveriesFieldEvent | ControlSnapshotPlacementsSettingsDedupWindowMsFieldEvent | ControlSnapshotPlacementsSettingsAckTimeoutMsFieldEvent | ControlSnapshotNowFieldEvent> {
    return streamMessage(buf, ControlSnapshot.codec(), opts)
  }
}

export interface StatusRequest {
  clusterId: string
}

export namespace StatusRequest {
  let _codec: Codec<StatusRequest, Partial<StatusRequest>>

  export const codec = (): Codec<StatusRequest, Partial<StatusRequest>> => {
    if (_codec == null) {
      _codec = message<StatusRequest, Partial<StatusRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
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
                field: `${prefix}.clusterId`,
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

  export interface StatusRequestClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export function encode (obj: Partial<StatusRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<StatusRequest>): StatusRequest {
    return decodeMessage(buf, StatusRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<StatusRequest>): Generator<StatusRequestClusterIdFieldEvent> {
    return streamMessage(buf, StatusRequest.codec(), opts)
  }
}

export interface StatusResponse {
  clusterId: string
  inCluster: boolean
  founders: string[]
  leader: string
  candidate: string[]
  lock: string[]
  client: boolean
}

export namespace StatusResponse {
  let _codec: Codec<StatusResponse, Partial<StatusResponse>>

  export const codec = (): Codec<StatusResponse, Partial<StatusResponse>> => {
    if (_codec == null) {
      _codec = message<StatusResponse, Partial<StatusResponse>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if ((obj.inCluster != null && obj.inCluster !== false)) {
          w.uint32(16)
          w.bool(obj.inCluster)
        }

        if (obj.founders != null && obj.founders.length > 0) {
          for (const value of obj.founders) {
            w.uint32(26)
            w.string(value)
          }
        }

        if ((obj.leader != null && obj.leader !== '')) {
          w.uint32(34)
          w.string(obj.leader)
        }

        if (obj.candidate != null && obj.candidate.length > 0) {
          for (const value of obj.candidate) {
            w.uint32(42)
            w.string(value)
          }
        }

        if (obj.lock != null && obj.lock.length > 0) {
          for (const value of obj.lock) {
            w.uint32(50)
            w.string(value)
          }
        }

        if ((obj.client != null && obj.client !== false)) {
          w.uint32(56)
          w.bool(obj.client)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          inCluster: false,
          founders: [],
          leader: '',
          candidate: [],
          lock: [],
          client: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              obj.inCluster = reader.bool()
              break
            }
            case 3: {
              if (opts.limits?.founders != null && obj.founders.length === opts.limits.founders) {
                throw new MaxLengthError('Decode error - repeated field "founders" had too many elements')
              }

              obj.founders.push(reader.string())
              break
            }
            case 4: {
              obj.leader = reader.string()
              break
            }
            case 5: {
              if (opts.limits?.candidate != null && obj.candidate.length === opts.limits.candidate) {
                throw new MaxLengthError('Decode error - repeated field "candidate" had too many elements')
              }

              obj.candidate.push(reader.string())
              break
            }
            case 6: {
              if (opts.limits?.lock != null && obj.lock.length === opts.limits.lock) {
                throw new MaxLengthError('Decode error - repeated field "lock" had too many elements')
              }

              obj.lock.push(reader.string())
              break
            }
            case 7: {
              obj.client = reader.bool()
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
          founders: 0,
          candidate: 0,
          lock: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.inCluster`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              if (opts.limits?.founders != null && obj.founders === opts.limits.founders) {
                throw new MaxLengthError('Streaming decode error - repeated field "founders" had too many elements')
              }

              yield {
                field: `${prefix}.founders[]`,
                index: obj.founders,
                value: reader.string()
              }

              obj.founders++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.leader`,
                value: reader.string()
              }
              break
            }
            case 5: {
              if (opts.limits?.candidate != null && obj.candidate === opts.limits.candidate) {
                throw new MaxLengthError('Streaming decode error - repeated field "candidate" had too many elements')
              }

              yield {
                field: `${prefix}.candidate[]`,
                index: obj.candidate,
                value: reader.string()
              }

              obj.candidate++

              break
            }
            case 6: {
              if (opts.limits?.lock != null && obj.lock === opts.limits.lock) {
                throw new MaxLengthError('Streaming decode error - repeated field "lock" had too many elements')
              }

              yield {
                field: `${prefix}.lock[]`,
                index: obj.lock,
                value: reader.string()
              }

              obj.lock++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.client`,
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

  export interface StatusResponseClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface StatusResponseInClusterFieldEvent {
    field: '$.inCluster'
    value: boolean
  }

  export interface StatusResponseFoundersFieldEvent {
    field: '$.founders[]'
    index: number
    value: string
  }

  export interface StatusResponseLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface StatusResponseCandidateFieldEvent {
    field: '$.candidate[]'
    index: number
    value: string
  }

  export interface StatusResponseLockFieldEvent {
    field: '$.lock[]'
    index: number
    value: string
  }

  export interface StatusResponseClientFieldEvent {
    field: '$.client'
    value: boolean
  }

  export function encode (obj: Partial<StatusResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusResponse.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<StatusResponse>): StatusResponse {
    return decodeMessage(buf, StatusResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<StatusResponse>): Generator<StatusResponseClusterIdFieldEvent | StatusResponseInClusterFieldEvent | StatusResponseFoundersFieldEvent | StatusResponseLeaderFieldEvent | StatusResponseCandidateFieldEvent | StatusResponseLockFieldEvent | StatusResponseClientFieldEvent> {
    return streamMessage(buf, StatusResponse.codec(), opts)
  }
}

export interface JoinRequest {
  clusterId: string
}

export namespace JoinRequest {
  let _codec: Codec<JoinRequest, Partial<JoinRequest>>

  export const codec = (): Codec<JoinRequest, Partial<JoinRequest>> => {
    if (_codec == null) {
      _codec = message<JoinRequest, Partial<JoinRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
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
                field: `${prefix}.clusterId`,
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

  export interface JoinRequestClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export function encode (obj: Partial<JoinRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JoinRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<JoinRequest>): JoinRequest {
    return decodeMessage(buf, JoinRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<JoinRequest>): Generator<JoinRequestClusterIdFieldEvent> {
    return streamMessage(buf, JoinRequest.codec(), opts)
  }
}

export interface DeclareRequest {
  clusterId: string
  queue: string
  settings?: Settings
}

export namespace DeclareRequest {
  let _codec: Codec<DeclareRequest, Partial<DeclareRequest>>

  export const codec = (): Codec<DeclareRequest, Partial<DeclareRequest>> => {
    if (_codec == null) {
      _codec = message<DeclareRequest, Partial<DeclareRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if ((obj.queue != null && obj.queue !== '')) {
          w.uint32(18)
          w.string(obj.queue)
        }

        if (obj.settings != null) {
          w.uint32(26)
          Settings.codec().encode(obj.settings, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          queue: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              obj.queue = reader.string()
              break
            }
            case 3: {
              obj.settings = Settings.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.settings
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
                field: `${prefix}.clusterId`,
                value: reader.string()
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
              yield * Settings.codec().stream(reader, reader.uint32(), `${prefix}.settings`, {
                limits: opts.limits?.settings
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

  export interface DeclareRequestClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface DeclareRequestQueueFieldEvent {
    field: '$.queue'
    value: string
  }

  export interface DeclareRequestSettingsReplicasFieldEvent {
    field: '$.settings.replicas'
    value: number
  }

  export interface DeclareRequestSettingsMaxLengthFieldEvent {
    field: '$.settings.maxLength'
    value: number
  }

  export interface DeclareRequestSettingsMaxBytesFieldEvent {
    field: '$.settings.maxBytes'
    value: number
  }

  export interface DeclareRequestSettingsMaxDeliveriesFieldEvent {
    field: '$.settings.maxDeliveries'
    value: number
  }

  export interface DeclareRequestSettingsDedupWindowMsFieldEvent {
    field: '$.settings.dedupWindowMs'
    value: number
  }

  export interface DeclareRequestSettingsAckTimeoutMsFieldEvent {
    field: '$.settings.ackTimeoutMs'
    value: number
  }

  export function encode (obj: Partial<DeclareRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeclareRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<DeclareRequest>): DeclareRequest {
    return decodeMessage(buf, DeclareRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<DeclareRequest>): Generator<DeclareRequestClusterIdFieldEvent | DeclareRequestQueueFieldEvent | DeclareRequestSettingsReplicasFieldEvent | DeclareRequestSettingsMaxLengthFieldEvent | DeclareRequestSettingsMaxBytesFieldEvent | DeclareRequestSettingsMaxDeliveriesFieldEvent | DeclareRequestSettingsDedupWindowMsFieldEvent | DeclareRequestSettingsAckTimeoutMsFieldEvent> {
    return streamMessage(buf, DeclareRequest.codec(), opts)
  }
}

export interface ListRequest {
  clusterId: string
  after: string
}

export namespace ListRequest {
  let _codec: Codec<ListRequest, Partial<ListRequest>>

  export const codec = (): Codec<ListRequest, Partial<ListRequest>> => {
    if (_codec == null) {
      _codec = message<ListRequest, Partial<ListRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if ((obj.after != null && obj.after !== '')) {
          w.uint32(18)
          w.string(obj.after)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          after: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              obj.after = reader.string()
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
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.after`,
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

  export interface ListRequestClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface ListRequestAfterFieldEvent {
    field: '$.after'
    value: string
  }

  export function encode (obj: Partial<ListRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ListRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ListRequest>): ListRequest {
    return decodeMessage(buf, ListRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ListRequest>): Generator<ListRequestClusterIdFieldEvent | ListRequestAfterFieldEvent> {
    return streamMessage(buf, ListRequest.codec(), opts)
  }
}

export interface ListReply {
  clusterId: string
  placements: Placement[]
  more: boolean
}

export namespace ListReply {
  let _codec: Codec<ListReply, Partial<ListReply>>

  export const codec = (): Codec<ListReply, Partial<ListReply>> => {
    if (_codec == null) {
      _codec = message<ListReply, Partial<ListReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if (obj.placements != null && obj.placements.length > 0) {
          for (const value of obj.placements) {
            w.uint32(18)
            Placement.codec().encode(value, w)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(24)
          w.bool(obj.more)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          placements: [],
          more: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.placements != null && obj.placements.length === opts.limits.placements) {
                throw new MaxLengthError('Decode error - repeated field "placements" had too many elements')
              }

              obj.placements.push(Placement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.placements$
              }))
              break
            }
            case 3: {
              obj.more = reader.bool()
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
          placements: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.placements != null && obj.placements === opts.limits.placements) {
                throw new MaxLengthError('Streaming decode error - repeated field "placements" had too many elements')
              }

              for (const evt of Placement.codec().stream(reader, reader.uint32(), `${prefix}.placements[]`, {
                limits: opts.limits?.placements$
              })) {
                yield {
                  ...evt,
                  index: obj.placements
                }
              }

              obj.placements++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.more`,
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

  export interface ListReplyClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface ListReplyPlacementsQueueFieldEvent {
    field: '$.placements[].queue'
    value: string
    index: number
  }

  export interface ListReplyPlacementsReplicasFieldEvent {
    field: '$.placements[].replicas[]'
    index: number
    value: string
  }

  export interface ListReplyPlacementsPreferredOwnerFieldEvent {
    field: '$.placements[].preferredOwner'
    value: string
    index: number
  }

  export interface ListReplyPlacementsVersionFieldEvent {
    field: '$.placements[].version'
    value: number
    index: number
  }

  export interface ListReplyPlacementsSettingsReplicasFieldEvent {
    field: '$.placements[].settings.replicas'
    value: number
    index: number
  }

  export interface ListReplyPlacementsSettingsMaxLengthFieldEvent {
    field: '$.placements[].settings.maxLength'
    value: number
    index: number
  }

  export interface ListReplyPlacementsSettingsMaxBytesFieldEvent {
    field: '$.placements[].settings.maxBytes'
    value: number
    index: number
  }

  export interface ListReplyPlacementsSettingsMaxDeliveriesFieldEvent {
    field: '$.placements[].settings.maxDeliveries'
    value: number
    index: number
  }

  export interface ListReplyPlacementsSettingsDedupWindowMsFieldEvent {
    field: '$.placements[].settings.dedupWindowMs'
    value: number
    index: number
  }

  export interface ListReplyPlacementsSettingsAckTimeoutMsFieldEvent {
    field: '$.placements[].settings.ackTimeoutMs'
    value: number
    index: number
  }

  export interface ListReplyMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export function encode (obj: Partial<ListReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ListReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ListReply>): ListReply {
    return decodeMessage(buf, ListReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ListReply>): Generator<ListReplyClusterIdFieldEvent | ListReplyPlacementsQueueFieldEvent | ListReplyPlacementsReplicasFieldEvent | ListReplyPlacementsPreferredOwnerFieldEvent | ListReplyPlacementsVersionFieldEvent | ListReplyPlacementsSettingsReplicasFieldEvent | ListReplyPlacementsSettingsMaxLengthFieldEvent | ListReplyPlacementsSettingsMaxBytesFieldEvent | ListReplyPlacementsSettingsMaxDeliveriesFieldEvent | ListReplyPlacementsSettingsDedupWindowMsFieldEvent | ListReplyPlacementsSettingsAckTimeoutMsFieldEvent | ListReplyMoreFieldEvent> {
    return streamMessage(buf, ListReply.codec(), opts)
  }
}

export interface LeaveRequest {
  clusterId: string
  final: boolean
}

export namespace LeaveRequest {
  let _codec: Codec<LeaveRequest, Partial<LeaveRequest>>

  export const codec = (): Codec<LeaveRequest, Partial<LeaveRequest>> => {
    if (_codec == null) {
      _codec = message<LeaveRequest, Partial<LeaveRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if ((obj.final != null && obj.final !== false)) {
          w.uint32(16)
          w.bool(obj.final)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          final: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              obj.final = reader.bool()
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
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.final`,
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

  export interface LeaveRequestClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface LeaveRequestFinalFieldEvent {
    field: '$.final'
    value: boolean
  }

  export function encode (obj: Partial<LeaveRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaveRequest.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<LeaveRequest>): LeaveRequest {
    return decodeMessage(buf, LeaveRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<LeaveRequest>): Generator<LeaveRequestClusterIdFieldEvent | LeaveRequestFinalFieldEvent> {
    return streamMessage(buf, LeaveRequest.codec(), opts)
  }
}

export interface LeaveReply {
  clusterId: string
  queues: string[]
  inGroup: boolean
  blocked: string
}

export namespace LeaveReply {
  let _codec: Codec<LeaveReply, Partial<LeaveReply>>

  export const codec = (): Codec<LeaveReply, Partial<LeaveReply>> => {
    if (_codec == null) {
      _codec = message<LeaveReply, Partial<LeaveReply>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.clusterId != null && obj.clusterId !== '')) {
          w.uint32(10)
          w.string(obj.clusterId)
        }

        if (obj.queues != null && obj.queues.length > 0) {
          for (const value of obj.queues) {
            w.uint32(18)
            w.string(value)
          }
        }

        if ((obj.inGroup != null && obj.inGroup !== false)) {
          w.uint32(24)
          w.bool(obj.inGroup)
        }

        if ((obj.blocked != null && obj.blocked !== '')) {
          w.uint32(34)
          w.string(obj.blocked)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          clusterId: '',
          queues: [],
          inGroup: false,
          blocked: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.clusterId = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.queues != null && obj.queues.length === opts.limits.queues) {
                throw new MaxLengthError('Decode error - repeated field "queues" had too many elements')
              }

              obj.queues.push(reader.string())
              break
            }
            case 3: {
              obj.inGroup = reader.bool()
              break
            }
            case 4: {
              obj.blocked = reader.string()
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
          queues: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.clusterId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.queues != null && obj.queues === opts.limits.queues) {
                throw new MaxLengthError('Streaming decode error - repeated field "queues" had too many elements')
              }

              yield {
                field: `${prefix}.queues[]`,
                index: obj.queues,
                value: reader.string()
              }

              obj.queues++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.inGroup`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.blocked`,
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

  export interface LeaveReplyClusterIdFieldEvent {
    field: '$.clusterId'
    value: string
  }

  export interface LeaveReplyQueuesFieldEvent {
    field: '$.queues[]'
    index: number
    value: string
  }

  export interface LeaveReplyInGroupFieldEvent {
    field: '$.inGroup'
    value: boolean
  }

  export interface LeaveReplyBlockedFieldEvent {
    field: '$.blocked'
    value: string
  }

  export function encode (obj: Partial<LeaveReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaveReply.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<LeaveReply>): LeaveReply {
    return decodeMessage(buf, LeaveReply.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<LeaveReply>): Generator<LeaveReplyClusterIdFieldEvent | LeaveReplyQueuesFieldEvent | LeaveReplyInGroupFieldEvent | LeaveReplyBlockedFieldEvent> {
    return streamMessage(buf, LeaveReply.codec(), opts)
  }
}

export interface Ok {
  placement?: Placement
}

export namespace Ok {
  let _codec: Codec<Ok, Partial<Ok>>

  export const codec = (): Codec<Ok, Partial<Ok>> => {
    if (_codec == null) {
      _codec = message<Ok, Partial<Ok>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.placement != null) {
          w.uint32(10)
          Placement.codec().encode(obj.placement, w)
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
              obj.placement = Placement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.placement
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
              yield * Placement.codec().stream(reader, reader.uint32(), `${prefix}.placement`, {
                limits: opts.limits?.placement
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

  export interface OkPlacementQueueFieldEvent {
    field: '$.placement.queue'
    value: string
  }

  export interface OkPlacementReplicasFieldEvent {
    field: '$.placement.replicas[]'
    index: number
    value: string
  }

  export interface OkPlacementPreferredOwnerFieldEvent {
    field: '$.placement.preferredOwner'
    value: string
  }

  export interface OkPlacementVersionFieldEvent {
    field: '$.placement.version'
    value: number
  }

  export interface OkPlacementSettingsReplicasFieldEvent {
    field: '$.placement.settings.replicas'
    value: number
  }

  export interface OkPlacementSettingsMaxLengthFieldEvent {
    field: '$.placement.settings.maxLength'
    value: number
  }

  export interface OkPlacementSettingsMaxBytesFieldEvent {
    field: '$.placement.settings.maxBytes'
    value: number
  }

  export interface OkPlacementSettingsMaxDeliveriesFieldEvent {
    field: '$.placement.settings.maxDeliveries'
    value: number
  }

  export interface OkPlacementSettingsDedupWindowMsFieldEvent {
    field: '$.placement.settings.dedupWindowMs'
    value: number
  }

  export interface OkPlacementSettingsAckTimeoutMsFieldEvent {
    field: '$.placement.settings.ackTimeoutMs'
    value: number
  }

  export function encode (obj: Partial<Ok>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Ok.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Ok>): Ok {
    return decodeMessage(buf, Ok.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Ok>): Generator<OkPlacementQueueFieldEvent | OkPlacementReplicasFieldEvent | OkPlacementPreferredOwnerFieldEvent | OkPlacementVersionFieldEvent | OkPlacementSettingsReplicasFieldEvent | OkPlacementSettingsMaxLengthFieldEvent | OkPlacementSettingsMaxBytesFieldEvent | OkPlacementSettingsMaxDeliveriesFieldEvent | OkPlacementSettingsDedupWindowMsFieldEvent | OkPlacementSettingsAckTimeoutMsFieldEvent> {
    return streamMessage(buf, Ok.codec(), opts)
  }
}

export interface Failure {
  code: string
  message: string
  leader: string
}

export namespace Failure {
  let _codec: Codec<Failure, Partial<Failure>>

  export const codec = (): Codec<Failure, Partial<Failure>> => {
    if (_codec == null) {
      _codec = message<Failure, Partial<Failure>>((obj, w, opts = {}) => {
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

        if ((obj.leader != null && obj.leader !== '')) {
          w.uint32(26)
          w.string(obj.leader)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: '',
          message: '',
          leader: ''
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
              obj.leader = reader.string()
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
                field: `${prefix}.leader`,
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

  export interface FailureCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface FailureMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface FailureLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export function encode (obj: Partial<Failure>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Failure.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<Failure>): Failure {
    return decodeMessage(buf, Failure.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<Failure>): Generator<FailureCodeFieldEvent | FailureMessageFieldEvent | FailureLeaderFieldEvent> {
    return streamMessage(buf, Failure.codec(), opts)
  }
}

export interface ControlFrame {
  id: number
  status?: StatusRequest
  join?: JoinRequest
  declare?: DeclareRequest
  list?: ListRequest
  leave?: LeaveRequest
  statusReply?: StatusResponse
  ok?: Ok
  failure?: Failure
  listReply?: ListReply
  leaveReply?: LeaveReply
}

export namespace ControlFrame {
  let _codec: Codec<ControlFrame, Partial<ControlFrame>>

  export const codec = (): Codec<ControlFrame, Partial<ControlFrame>> => {
    if (_codec == null) {
      _codec = message<ControlFrame, Partial<ControlFrame>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.leaveReply != null) {
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.listReply != null) {
          obj.leaveReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.failure != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.ok != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.statusReply != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.leave != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.list != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.declare = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.declare != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.join = undefined
          obj.status = undefined
        }

        if (obj.join != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.status = undefined
        }

        if (obj.status != null) {
          obj.leaveReply = undefined
          obj.listReply = undefined
          obj.failure = undefined
          obj.ok = undefined
          obj.statusReply = undefined
          obj.leave = undefined
          obj.list = undefined
          obj.declare = undefined
          obj.join = undefined
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.id)
        }

        if (obj.status != null) {
          w.uint32(82)
          StatusRequest.codec().encode(obj.status, w)
        }

        if (obj.join != null) {
          w.uint32(90)
          JoinRequest.codec().encode(obj.join, w)
        }

        if (obj.declare != null) {
          w.uint32(98)
          DeclareRequest.codec().encode(obj.declare, w)
        }

        if (obj.list != null) {
          w.uint32(106)
          ListRequest.codec().encode(obj.list, w)
        }

        if (obj.leave != null) {
          w.uint32(114)
          LeaveRequest.codec().encode(obj.leave, w)
        }

        if (obj.statusReply != null) {
          w.uint32(162)
          StatusResponse.codec().encode(obj.statusReply, w)
        }

        if (obj.ok != null) {
          w.uint32(170)
          Ok.codec().encode(obj.ok, w)
        }

        if (obj.failure != null) {
          w.uint32(178)
          Failure.codec().encode(obj.failure, w)
        }

        if (obj.listReply != null) {
          w.uint32(186)
          ListReply.codec().encode(obj.listReply, w)
        }

        if (obj.leaveReply != null) {
          w.uint32(194)
          LeaveReply.codec().encode(obj.leaveReply, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint64Number()
              break
            }
            case 10: {
              obj.status = StatusRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.status
              })
              break
            }
            case 11: {
              obj.join = JoinRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.join
              })
              break
            }
            case 12: {
              obj.declare = DeclareRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.declare
              })
              break
            }
            case 13: {
              obj.list = ListRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.list
              })
              break
            }
            case 14: {
              obj.leave = LeaveRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.leave
              })
              break
            }
            case 20: {
              obj.statusReply = StatusResponse.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.statusReply
              })
              break
            }
            case 21: {
              obj.ok = Ok.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ok
              })
              break
            }
            case 22: {
              obj.failure = Failure.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.failure
              })
              break
            }
            case 23: {
              obj.listReply = ListReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.listReply
              })
              break
            }
            case 24: {
              obj.leaveReply = LeaveReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.leaveReply
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.leaveReply != null) {
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.listReply != null) {
          delete obj.leaveReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.failure != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.ok != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.statusReply != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.leave != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.list
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.list != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.declare
          delete obj.join
          delete obj.status
        }

        if (obj.declare != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.join
          delete obj.status
        }

        if (obj.join != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.status
        }

        if (obj.status != null) {
          delete obj.leaveReply
          delete obj.listReply
          delete obj.failure
          delete obj.ok
          delete obj.statusReply
          delete obj.leave
          delete obj.list
          delete obj.declare
          delete obj.join
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
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield * StatusRequest.codec().stream(reader, reader.uint32(), `${prefix}.status`, {
                limits: opts.limits?.status
              })

              break
            }
            case 11: {
              yield * JoinRequest.codec().stream(reader, reader.uint32(), `${prefix}.join`, {
                limits: opts.limits?.join
              })

              break
            }
            case 12: {
              yield * DeclareRequest.codec().stream(reader, reader.uint32(), `${prefix}.declare`, {
                limits: opts.limits?.declare
              })

              break
            }
            case 13: {
              yield * ListRequest.codec().stream(reader, reader.uint32(), `${prefix}.list`, {
                limits: opts.limits?.list
              })

              break
            }
            case 14: {
              yield * LeaveRequest.codec().stream(reader, reader.uint32(), `${prefix}.leave`, {
                limits: opts.limits?.leave
              })

              break
            }
            case 20: {
              yield * StatusResponse.codec().stream(reader, reader.uint32(), `${prefix}.statusReply`, {
                limits: opts.limits?.statusReply
              })

              break
            }
            case 21: {
              yield * Ok.codec().stream(reader, reader.uint32(), `${prefix}.ok`, {
                limits: opts.limits?.ok
              })

              break
            }
            case 22: {
              yield * Failure.codec().stream(reader, reader.uint32(), `${prefix}.failure`, {
                limits: opts.limits?.failure
              })

              break
            }
            case 23: {
              yield * ListReply.codec().stream(reader, reader.uint32(), `${prefix}.listReply`, {
                limits: opts.limits?.listReply
              })

              break
            }
            case 24: {
              yield * LeaveReply.codec().stream(reader, reader.uint32(), `${prefix}.leaveReply`, {
                limits: opts.limits?.leaveReply
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

  export interface ControlFrameIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface ControlFrameStatusClusterIdFieldEvent {
    field: '$.status.clusterId'
    value: string
  }

  export interface ControlFrameJoinClusterIdFieldEvent {
    field: '$.join.clusterId'
    value: string
  }

  export interface ControlFrameDeclareClusterIdFieldEvent {
    field: '$.declare.clusterId'
    value: string
  }

  export interface ControlFrameDeclareQueueFieldEvent {
    field: '$.declare.queue'
    value: string
  }

  export interface ControlFrameDeclareSettingsReplicasFieldEvent {
    field: '$.declare.settings.replicas'
    value: number
  }

  export interface ControlFrameDeclareSettingsMaxLengthFieldEvent {
    field: '$.declare.settings.maxLength'
    value: number
  }

  export interface ControlFrameDeclareSettingsMaxBytesFieldEvent {
    field: '$.declare.settings.maxBytes'
    value: number
  }

  export interface ControlFrameDeclareSettingsMaxDeliveriesFieldEvent {
    field: '$.declare.settings.maxDeliveries'
    value: number
  }

  export interface ControlFrameDeclareSettingsDedupWindowMsFieldEvent {
    field: '$.declare.settings.dedupWindowMs'
    value: number
  }

  export interface ControlFrameDeclareSettingsAckTimeoutMsFieldEvent {
    field: '$.declare.settings.ackTimeoutMs'
    value: number
  }

  export interface ControlFrameListClusterIdFieldEvent {
    field: '$.list.clusterId'
    value: string
  }

  export interface ControlFrameListAfterFieldEvent {
    field: '$.list.after'
    value: string
  }

  export interface ControlFrameLeaveClusterIdFieldEvent {
    field: '$.leave.clusterId'
    value: string
  }

  export interface ControlFrameLeaveFinalFieldEvent {
    field: '$.leave.final'
    value: boolean
  }

  export interface ControlFrameStatusReplyClusterIdFieldEvent {
    field: '$.statusReply.clusterId'
    value: string
  }

  export interface ControlFrameStatusReplyInClusterFieldEvent {
    field: '$.statusReply.inCluster'
    value: boolean
  }

  export interface ControlFrameStatusReplyFoundersFieldEvent {
    field: '$.statusReply.founders[]'
    index: number
    value: string
  }

  export interface ControlFrameStatusReplyLeaderFieldEvent {
    field: '$.statusReply.leader'
    value: string
  }

  export interface ControlFrameStatusReplyCandidateFieldEvent {
    field: '$.statusReply.candidate[]'
    index: number
    value: string
  }

  export interface ControlFrameStatusReplyLockFieldEvent {
    field: '$.statusReply.lock[]'
    index: number
    value: string
  }

  export interface ControlFrameStatusReplyClientFieldEvent {
    field: '$.statusReply.client'
    value: boolean
  }

  export interface ControlFrameOkPlacementQueueFieldEvent {
    field: '$.ok.placement.queue'
    value: string
  }

  export interface ControlFrameOkPlacementReplicasFieldEvent {
    field: '$.ok.placement.replicas[]'
    index: number
    value: string
  }

  export interface ControlFrameOkPlacementPreferredOwnerFieldEvent {
    field: '$.ok.placement.preferredOwner'
    value: string
  }

  export interface ControlFrameOkPlacementVersionFieldEvent {
    field: '$.ok.placement.version'
    value: number
  }

  export interface ControlFrameOkPlacementSettingsReplicasFieldEvent {
    field: '$.ok.placement.settings.replicas'
    value: number
  }

  export interface ControlFrameOkPlacementSettingsMaxLengthFieldEvent {
    field: '$.ok.placement.settings.maxLength'
    value: number
  }

  export interface ControlFrameOkPlacementSettingsMaxBytesFieldEvent {
    field: '$.ok.placement.settings.maxBytes'
    value: number
  }

  export interface ControlFrameOkPlacementSettingsMaxDeliveriesFieldEvent {
    field: '$.ok.placement.settings.maxDeliveries'
    value: number
  }

  export interface ControlFrameOkPlacementSettingsDedupWindowMsFieldEvent {
    field: '$.ok.placement.settings.dedupWindowMs'
    value: number
  }

  export interface ControlFrameOkPlacementSettingsAckTimeoutMsFieldEvent {
    field: '$.ok.placement.settings.ackTimeoutMs'
    value: number
  }

  export interface ControlFrameFailureCodeFieldEvent {
    field: '$.failure.code'
    value: string
  }

  export interface ControlFrameFailureMessageFieldEvent {
    field: '$.failure.message'
    value: string
  }

  export interface ControlFrameFailureLeaderFieldEvent {
    field: '$.failure.leader'
    value: string
  }

  export interface ControlFrameListReplyClusterIdFieldEvent {
    field: '$.listReply.clusterId'
    value: string
  }

  export interface ControlFrameListReplyPlacementsQueueFieldEvent {
    field: '$.listReply.placements[].queue'
    value: string
    index: number
  }

  export interface ControlFrameListReplyPlacementsReplicasFieldEvent {
    field: '$.listReply.placements[].replicas[]'
    index: number
    value: string
  }

  export interface ControlFrameListReplyPlacementsPreferredOwnerFieldEvent {
    field: '$.listReply.placements[].preferredOwner'
    value: string
    index: number
  }

  export interface ControlFrameListReplyPlacementsVersionFieldEvent {
    field: '$.listReply.placements[].version'
    value: number
    index: number
  }

  export interface ControlFrameListReplyPlacementsSettingsReplicasFieldEvent {
    field: '$.listReply.placements[].settings.replicas'
    value: number
    index: number
  }

  export interface ControlFrameListReplyPlacementsSettingsMaxLengthFieldEvent {
    field: '$.listReply.placements[].settings.maxLength'
    value: number
    index: number
  }

  export interface ControlFrameListReplyPlacementsSettingsMaxBytesFieldEvent {
    field: '$.listReply.placements[].settings.maxBytes'
    value: number
    index: number
  }

  export interface ControlFrameListReplyPlacementsSettingsMaxDeliveriesFieldEvent {
    field: '$.listReply.placements[].settings.maxDeliveries'
    value: number
    index: number
  }

  export interface ControlFrameListReplyPlacementsSettingsDedupWindowMsFieldEvent {
    field: '$.listReply.placements[].settings.dedupWindowMs'
    value: number
    index: number
  }

  export interface ControlFrameListReplyPlacementsSettingsAckTimeoutMsFieldEvent {
    field: '$.listReply.placements[].settings.ackTimeoutMs'
    value: number
    index: number
  }

  export interface ControlFrameListReplyMoreFieldEvent {
    field: '$.listReply.more'
    value: boolean
  }

  export interface ControlFrameLeaveReplyClusterIdFieldEvent {
    field: '$.leaveReply.clusterId'
    value: string
  }

  export interface ControlFrameLeaveReplyQueuesFieldEvent {
    field: '$.leaveReply.queues[]'
    index: number
    value: string
  }

  export interface ControlFrameLeaveReplyInGroupFieldEvent {
    field: '$.leaveReply.inGroup'
    value: boolean
  }

  export interface ControlFrameLeaveReplyBlockedFieldEvent {
    field: '$.leaveReply.blocked'
    value: string
  }

  export function encode (obj: Partial<ControlFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ControlFrame.codec())
  }

  export function decode (buf: Uint8Array, opts?: DecodeOptions<ControlFrame>): ControlFrame {
    return decodeMessage(buf, ControlFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array, opts?: DecodeOptions<ControlFrame>): Generator<ControlFrameIdFieldEvent | ControlFrameStatusClusterIdFieldEvent | ControlFrameJoinClusterIdFieldEvent | ControlFrameDeclareClusterIdFieldEvent | ControlFrameDeclareQueueFieldEvent | ControlFrameDeclareSettingsReplicasFieldEvent | ControlFrameDeclareSettingsMaxLengthFieldEvent | ControlFrameDeclareSettingsMaxBytesFieldEvent | ControlFrameDeclareSettingsMaxDeliveriesFieldEvent | ControlFrameDeclareSettingsDedupWindowMsFieldEvent | ControlFrameDeclareSettingsAckTimeoutMsFieldEvent | ControlFrameListClusterIdFieldEvent | ControlFrameListAfterFieldEvent | ControlFrameLeaveClusterIdFieldEvent | ControlFrameLeaveFinalFieldEvent | ControlFrameStatusReplyClusterIdFieldEvent | ControlFrameStatusReplyInClusterFieldEvent | ControlFrameStatusReplyFoundersFieldEvent | ControlFrameStatusReplyLeaderFieldEvent | ControlFrameStatusReplyCandidateFieldEvent | ControlFrameStatusReplyLockFieldEvent | ControlFrameStatusReplyClientFieldEvent | ControlFrameOkPlacementQueueFieldEvent | ControlFrameOkPlacementReplicasFieldEvent | ControlFrameOkPlacementPreferredOwnerFieldEvent | ControlFrameOkPlacementVersionFieldEvent | ControlFrameOkPlacementSettingsReplicasFieldEvent | ControlFrameOkPlacementSettingsMaxLengthFieldEvent | ControlFrameOkPlacementSettingsMaxBytesFieldEvent | ControlFrameOkPlacementSettingsMaxDeliveriesFieldEvent | ControlFrameOkPlacementSettingsDedupWindowMsFieldEvent | ControlFrameOkPlacementSettingsAckTimeoutMsFieldEvent | ControlFrameFailureCodeFieldEvent | ControlFrameFailureMessageFieldEvent | ControlFrameFailureLeaderFieldEvent | ControlFrameListReplyClusterIdFieldEvent | ControlFrameListReplyPlacementsQueueFieldEvent | ControlFrameListReplyPlacementsReplicasFieldEvent | ControlFrameListReplyPlacementsPreferredOwnerFieldEvent | ControlFrameListReplyPlacementsVersionFieldEvent | ControlFrameListReplyPlacementsSettingsReplicasFieldEvent | ControlFrameListReplyPlacementsSettingsMaxLengthFieldEvent | ControlFrameListReplyPlacementsSettingsMaxBytesFieldEvent | ControlFrameListReplyPlacementsSettingsMaxDeliveriesFieldEvent | ControlFrameListReplyPlacementsSettingsDedupWindowMsFieldEvent | ControlFrameListReplyPlacementsSettingsAckTimeoutMsFieldEvent | ControlFrameListReplyMoreFieldEvent | ControlFrameLeaveReplyClusterIdFieldEvent | ControlFrameLeaveReplyQueuesFieldEvent | ControlFrameLeaveReplyInGroupFieldEvent | ControlFrameLeaveReplyBlockedFieldEvent> {
    return streamMessage(buf, ControlFrame.codec(), opts)
  }
}
