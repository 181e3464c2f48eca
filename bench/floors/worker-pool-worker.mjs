// Worker side of the raw pool floor: answers each { id, arg } message with { id, result }.
import { parentPort } from 'node:worker_threads';
import { trivial } from '../workers/trivial.mjs';

parentPort.on('message', ({ id, arg }) => parentPort.postMessage({ id, result: trivial(arg) }));
