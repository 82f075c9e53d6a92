/**
 * A chat room on a meshchan broadcast channel: every line you type reaches everyone in the room.
 *
 *   node dist/examples/broadcast/chat.js --name alice
 *   node dist/examples/broadcast/chat.js --name bob --bootstrap <an address alice printed>
 *   node dist/examples/broadcast/chat.js --name carol --mdns     (finds peers on the LAN by itself)
 *
 * No server: each process is a peer; the room is the channel "chat".
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createMesh } from '../../src/index.js'

interface ChatLine { name: string, text: string }

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: `guest-${process.pid}` },
    bootstrap: { type: 'string', multiple: true, default: [] },
    mdns: { type: 'boolean', default: false }
  }
})
const name = args.name

// 1. Start a peer. With --bootstrap it joins the peers already there (--mdns: finds them on the LAN).
const mesh = await createMesh({ bootstrap: args.bootstrap, mdns: args.mdns })
const here = mesh.addresses.find(a => a.startsWith('/ip4/127.0.0.1/')) ?? mesh.addresses[0]
console.log(`${name} is in the room. Others join with:`)
console.log(`  node dist/examples/broadcast/chat.js --name <name> --bootstrap ${here}`)
console.log('Type a line and press Enter to send it. Ctrl-D leaves.\n')

// 2. Open the channel. Every peer that receives on "chat" gets every message sent on it.
const room = mesh.channel<ChatLine>('chat')

mesh.on('peer:join', () => { console.log(`* someone joined (${mesh.peers().length} connected)`) })
mesh.on('peer:leave', () => { console.log(`* someone left (${mesh.peers().length} connected)`) })

// 3. Receive: print what others say. `messages()` also tells who sent each one.
const receiving = (async () => {
  for await (const message of room.messages()) {
    if (message.from === mesh.peerId) continue // our own lines come back too: skip them
    console.log(`<${message.value.name}> ${message.value.text}`)
  }
})()

// 4. Send: each line typed on stdin goes to everyone in the room.
const input = createInterface({ input: process.stdin })
process.on('SIGINT', () => { input.close() })
for await (const text of input) {
  if (text.trim() !== '') await room.send({ name, text })
}

// 5. Leave cleanly: closing the channel ends the receive loop, stop() hangs up.
await room.close()
await receiving
await mesh.stop()
console.log(`${name} left.`)
