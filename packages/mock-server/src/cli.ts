#!/usr/bin/env node
// `cbr-mock-server`: runs the mock on a port until SIGINT or SIGTERM, printing its URL and one line per request.
// The command itself is cli/main.ts; this entry runs it with the real process.
import { main } from './cli/main.js';
import { processIo } from './cli/process-io.js';

const io = processIo();
await main(process.argv.slice(2), io);
// A usage error or a failed start ends the process at once, whatever a half-started mock left behind.
if (io.exitCode) process.exit(io.exitCode);
