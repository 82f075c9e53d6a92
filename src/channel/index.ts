/**
 * Broadcast channels: Go-flavoured channels over gossipsub. See {@link ChannelHub} and {@link Channel}.
 */
export { ChannelHub, channelTopic, validateChannelName, DEFAULT_BUFFER_SIZE, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_OVERFLOW, DEFAULT_SEND_TIMEOUT, MAX_CHANNEL_NAME_BYTES } from './hub.js'
export type { ChannelHubOptions } from './hub.js'
export { Channel } from './channel.js'
export type { ChannelOptions, SendOptions, RecvOptions, ChannelEvents, ChannelStats, OverflowEvent } from './channel.js'
export { jsonCodec, rawCodec } from './codec.js'
export type { Codec } from './codec.js'
export { ChannelOverflowError, EncodeError } from './errors.js'
export type { OverflowPolicy } from './receive-buffer.js'
export { HOLD_BACK_DEFAULTS } from './reorder.js'
export type { Gap, HoldBackOptions } from './reorder.js'
export { BATCHER_DEFAULTS } from './batcher.js'
export type { BatcherOptions } from './batcher.js'
export { TOPIC_PREFIX, ENVELOPE_VERSION, INVALID_REASONS } from './topic.js'
export type { ChannelMessage, InvalidEvent, InvalidReason } from './topic.js'
export { ChannelEnvelope } from './envelope.js'
