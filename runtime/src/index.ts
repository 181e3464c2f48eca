/**
 * `@corral/runtime`: structured concurrency for TypeScript on Node, Deno and Bun.
 *
 * This file is the whole public surface: every export is named here, and implementation modules
 * are private.
 *
 * @packageDocumentation
 */

// Entry and tasks
export { run, type RunOptions } from './run.js';
export {
  withTaskGroup,
  TaskGroup,
  TASK_STATUS_IGNORED,
  type TaskStatus,
  type StartOptions,
} from './core/task-group.js';
export { named, type TaskHandle, type TaskInfo, type TaskState } from './core/task.js';
export { gather, type GatherResults } from './results/gather.js';
export { gatherSettled, type GatherSettledResults } from './results/gather-settled.js';
export { mapConcurrent, type MapConcurrentOptions } from './results/map-concurrent.js';
export { race } from './results/race.js';

// Cancellation and time
export { CancelScope, type CancelScopeOptions } from './core/cancel-scope.js';
export { moveOnAfter, moveOnAt, failAfter, failAt, type TimeoutOptions } from './time/timeouts.js';
export { sleep, sleepUntil, sleepForever } from './time/sleep.js';
export {
  checkpoint,
  checkpointIfCancelled,
  cancelShieldedCheckpoint,
  currentTime,
  currentEffectiveDeadline,
  currentSignal,
} from './core/checkpoint.js';
export { abandonOnCancel } from './core/abandon-on-cancel.js';
export type { Clock, TimerHandle } from './core/clock.js';

// Synchronization
export { Event, type EventStatistics } from './sync/event.js';
export { Lock, type LockOptions, type LockStatistics } from './sync/lock.js';
export { Semaphore, type SemaphoreOptions, type SemaphoreStatistics } from './sync/semaphore.js';
export { Condition, type ConditionStatistics } from './sync/condition.js';
export { CapacityLimiter, type CapacityLimiterStatistics } from './sync/capacity-limiter.js';
export { ResourceGuard, type ResourceGuardStatistics } from './sync/resource-guard.js';
export { Held } from './sync/held.js';

// Streams and I/O
export {
  TypedAttribute,
  TypedAttributeLookupError,
  SocketAttribute,
  type TypedAttributeProvider,
  type AddressFamily,
  type RawSocket,
} from './abc/attributes.js';
export type { AsyncResource } from './abc/resource.js';
export type {
  ByteReceiveStream,
  ByteSendStream,
  ByteStream,
  ObjectReceiveStream,
  ObjectSendStream,
  ObjectStream,
} from './abc/streams.js';
export type { Listener } from './abc/listener.js';
export { SocketStream } from './streams/socket-stream.js';
export { BufferedByteStream } from './streams/buffered.js';
export { TextStream, type TextStreamOptions } from './streams/text.js';
export { StapledStream } from './streams/stapled.js';
export {
  TLSStream,
  TLSAttribute,
  type TLSClientOptions,
  type TLSServerOptions,
} from './streams/tls-stream.js';
export { connectTcp, type ConnectTcpOptions } from './net/connect-tcp.js';
export { createTcpListener, type TcpListenerOptions } from './net/tcp-listener.js';
export { SocketListener } from './net/socket-listener.js';
export { connectUnix, createUnixListener } from './net/unix.js';
export {
  createUdpSocket,
  createConnectedUdpSocket,
  UDPSocket,
  ConnectedUDPSocket,
  type UDPPacket,
  type UdpSocketOptions,
  type ConnectedUdpSocketOptions,
} from './net/udp.js';
export { PipeReceiveStream, PipeSendStream } from './streams/pipe-streams.js';
export { Process, type ProcessExit } from './process/process.js';
export {
  openProcess,
  type Command,
  type ProcessOptions,
  type StdioChoice,
} from './process/open-process.js';
export { runProcess, type ProcessResult, type RunProcessOptions } from './process/run-process.js';
export { toThread, type ToThreadOptions } from './threads/to-thread.js';
export { fromThread } from './threads/from-thread.js';
export {
  defineThreadFunction,
  type ThreadFunction,
  type FunctionReference,
  type ThreadFunctionReference,
} from './threads/thread-function.js';
export { openSignalReceiver, SignalReceiver } from './signals/signal-receiver.js';

// Memory object streams
export {
  createMemoryObjectStream,
  MemoryObjectSendStream,
  MemoryObjectReceiveStream,
  type MemoryObjectStreamStatistics,
} from './streams/memory.js';

// Introspection and backends
export { getCurrentTask, getRunningTasks, waitAllTasksBlocked } from './core/introspection.js';
export { currentBackend, type BackendInfo } from './backend/current-backend.js';

// Errors
export {
  CorralError,
  Cancelled,
  isCancelled,
  TimeoutError,
  ClosedResourceError,
  BrokenResourceError,
  BusyResourceError,
  EndOfStream,
  WouldBlock,
  IncompleteRead,
  DelimiterNotFound,
  ProcessError,
} from './core/errors.js';
export { ExceptionGroup } from './core/exception-group.js';
