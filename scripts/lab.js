#!/usr/bin/env node
// Longer partition-lab runs (npm run lab). Defaults: the acceptance run, 5 hosts, every
// nemesis, 10 minutes, channel and queue workloads. Any `meshchan lab` flag overrides them:
//   npm run lab -- --duration 2m --seed 3 --out report/
// Needs root and scripts/lab-setup.sh; exits 1 on any violation, 130 on Ctrl-C (after cleanup).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url))
const defaults = { '--hosts': '5', '--nemesis': 'all', '--duration': '10m', '--workload': 'channel,queue', '--out': 'report/lab' }
const args = process.argv.slice(2)
for (const [flag, value] of Object.entries(defaults)) if (!args.includes(flag)) args.push(flag, value)
const child = spawn(process.execPath, [cli, 'lab', ...args], { stdio: 'inherit' })
// Ctrl-C reaches the child too (same process group): let it clean up and report its own exit code.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { child.kill(sig) })
child.on('exit', (code, signal) => { process.exitCode = code ?? (signal === null ? 1 : 128 + 15) })
