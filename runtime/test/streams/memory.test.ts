import { describe, expect, it } from 'vitest';
import {
  BrokenResourceError,
  CancelScope,
  ClosedResourceError,
  createMemoryObjectStream,
  EndOfStream,
  type MemoryObjectReceiveStream,
  TypedAttribute,
  waitAllTasksBlocked,
  withTaskGroup,
  WouldBlock,
} from '../../src/index.js';

describe('createMemoryObjectStream', () => {
  it('rejects a buffer size that is not a non-negative integer or Infinity', () => {
    expect(() => createMemoryObjectStream(1.5)).toThrow(/non-negative integer or Infinity/);
    expect(() => createMemoryObjectStream(Number.NaN)).toThrow(RangeError);
    expect(() => createMemoryObjectStream('1' as unknown as number)).toThrow(RangeError);
    expect(() => createMemoryObjectStream(-1)).toThrow(/cannot be negative/);
    expect(() => createMemoryObjectStream(-Infinity)).toThrow(RangeError);
    expect(createMemoryObjectStream(Infinity)[0].statistics().maxBufferSize).toBe(Infinity);
  });
});

describe('memory object streams', () => {
  it('in a buffered stream, a receiver woken with an item resumes after the sender\'s next send', async () => {
    const [send, receive] = createMemoryObjectStream<number>(10);
    let afterFirst: number | 'would block' | undefined;
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        expect(await receive.receive()).toBe(1); // parked, then woken with 1
        try {
          afterFirst = receive.receiveNowait();
        } catch (error) {
          if (!(error instanceof WouldBlock)) throw error;
          afterFirst = 'would block';
        }
      });
      await waitAllTasksBlocked();
      await send.send(1);
      await send.send(2);
    });
    // The sender's second item was already buffered: a consumer that keeps up does not park again.
    expect(afterFirst).toBe(2);
  });

  it('in a buffered stream, a sender whose item moved into the buffer resumes after the receiver\'s next receive', async () => {
    const [send, receive] = createMemoryObjectStream<number>(1);
    const room: number[] = [];
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        await send.send(1);
        await send.send(2); // parked on a full buffer, then its item is moved in
        room.push(1 - send.statistics().currentBufferUsed);
      });
      await waitAllTasksBlocked();
      expect(await receive.receive()).toBe(1);
      expect(await receive.receive()).toBe(2);
    });
    // The receiver took item 2 before the sender resumed, so the sender finds room to send again.
    expect(room).toEqual([1]);
  });

  it('a rendezvous stream hands items to a waiting receiver', async () => {
    const [send, receive] = createMemoryObjectStream<string>(0);
    const received: string[] = [];
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        received.push(await receive.receive());
        received.push(await receive.receive());
      });
      await waitAllTasksBlocked();
      await send.send('hello');
      await send.send('corral');
    });
    expect(received).toEqual(['hello', 'corral']);
  });

  it('sendNowait() hands items to waiting receivers in FIFO order', async () => {
    const [send, receive] = createMemoryObjectStream<string>(0);
    const received: [number, string][] = [];
    await withTaskGroup(async (tg) => {
      for (const id of [1, 2]) {
        tg.startSoon(async () => {
          received.push([id, await receive.receive()]);
        });
        await waitAllTasksBlocked();
      }
      send.sendNowait('hello');
      send.sendNowait('corral');
      expect(() => send.sendNowait('nobody')).toThrow(WouldBlock);
    });
    expect(received).toEqual([
      [1, 'hello'],
      [2, 'corral'],
    ]);
  });

  it('receiveNowait() takes the item of a parked sender', async () => {
    const [send, receive] = createMemoryObjectStream<string>(0);
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => send.send('hello'));
      await waitAllTasksBlocked();
      expect(receive.receiveNowait()).toBe('hello');
    });
  });

  it('receiveNowait() moves a parked sender forward into the buffer', async () => {
    const [send, receive] = createMemoryObjectStream<string>(1);
    send.sendNowait('hello');
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => send.send('corral'));
      await waitAllTasksBlocked();
      expect(receive.receiveNowait()).toBe('hello');
    });
    expect(receive.receiveNowait()).toBe('corral');
  });

  it('buffers up to maxBufferSize items, in order', () => {
    const [send, receive] = createMemoryObjectStream<string>(2);
    send.sendNowait('hello');
    send.sendNowait('corral');
    expect(() => send.sendNowait('full')).toThrow(WouldBlock);
    expect(receive.receiveNowait()).toBe('hello');
    expect(receive.receiveNowait()).toBe('corral');
    expect(() => receive.receiveNowait()).toThrow(WouldBlock);
  });

  it('an unbounded buffer keeps every item in order', () => {
    const [send, receive] = createMemoryObjectStream<number>(Infinity);
    for (let i = 0; i < 10_000; i++) send.sendNowait(i);
    expect(send.statistics().currentBufferUsed).toBe(10_000);
    for (let i = 0; i < 10_000; i++) expect(receive.receiveNowait()).toBe(i);
  });

  it('for await ends when the send end is closed', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    const received: string[] = [];
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        for await (const item of receive) received.push(item);
      });
      await send.send('hello');
      await send.send('corral');
      await send.aclose();
    });
    expect(received).toEqual(['hello', 'corral']);
  });

  it('breaking out of for await does not close the receive end', async () => {
    const [send, receive] = createMemoryObjectStream<number>(Infinity);
    for (const n of [1, 2, 3]) send.sendNowait(n);
    for await (const n of receive) {
      expect(n).toBe(1);
      break;
    }
    expect(receive.receiveNowait()).toBe(2);
    send.close();
    const rest: number[] = [];
    for await (const n of receive) rest.push(n);
    expect(rest).toEqual([3]);
  });

  it('for await is a checkpoint too: in a cancelled scope it raises Cancelled and consumes nothing', async () => {
    const [send, receive] = createMemoryObjectStream<number>(Infinity);
    send.sendNowait(1);
    const scope = new CancelScope();
    const seen: number[] = [];
    await scope.run(async () => {
      scope.cancel();
      for await (const n of receive) seen.push(n);
    });
    expect(scope.cancelledCaught).toBe(true);
    expect(seen).toEqual([]);
    expect(receive.receiveNowait()).toBe(1);
  });

  it('for await over a closed receive end throws ClosedResourceError', async () => {
    const [, receive] = createMemoryObjectStream<number>();
    receive.close();
    const consume = async () => {
      for await (const _ of receive) throw new Error('unreachable');
    };
    await expect(consume()).rejects.toBeInstanceOf(ClosedResourceError);
  });

  it('after the send end closes: receiving gives EndOfStream, sending gives ClosedResourceError', async () => {
    const [send, receive] = createMemoryObjectStream<null>();
    await send.aclose();
    expect(() => receive.receiveNowait()).toThrow(EndOfStream);
    await expect(receive.receive()).rejects.toBeInstanceOf(EndOfStream);
    await expect(send.send(null)).rejects.toBeInstanceOf(ClosedResourceError);
    expect(() => send.sendNowait(null)).toThrow(ClosedResourceError);
  });

  it('after the receive end closes: receiving gives ClosedResourceError, sending gives BrokenResourceError', async () => {
    const [send, receive] = createMemoryObjectStream<null>();
    await receive.aclose();
    expect(() => receive.receiveNowait()).toThrow(ClosedResourceError);
    await expect(receive.receive()).rejects.toBeInstanceOf(ClosedResourceError);
    await expect(send.send(null)).rejects.toBeInstanceOf(BrokenResourceError);
    expect(() => send.sendNowait(null)).toThrow(BrokenResourceError);
  });

  it('a cancelled receive consumes nothing and stops waiting', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => receive.receive());
      await waitAllTasksBlocked();
      expect(receive.statistics().tasksWaitingReceive).toBe(1);
      tg.cancel();
    });
    expect(receive.statistics().tasksWaitingReceive).toBe(0);
    expect(() => send.sendNowait('hello')).toThrow(WouldBlock);
  });

  it('a cancelled send delivers nothing', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => send.send('hello'));
      await waitAllTasksBlocked();
      tg.cancel();
    });
    expect(() => receive.receiveNowait()).toThrow(WouldBlock);
    expect(send.statistics().tasksWaitingSend).toBe(0);
  });

  it('clones share the stream, which stays open until every clone is closed', async () => {
    const [send1, receive1] = createMemoryObjectStream<string>(1);
    const send2 = send1.clone();
    const receive2 = receive1.clone();
    expect(send1.statistics()).toMatchObject({ openSendStreams: 2, openReceiveStreams: 2 });
    await send1.aclose();
    await receive1.aclose();
    send2.sendNowait('hello');
    expect(receive2.receiveNowait()).toBe('hello');
    send2.close();
    expect(() => receive2.receiveNowait()).toThrow(EndOfStream);
  });

  it('cloning a closed end is a ClosedResourceError', async () => {
    const [send, receive] = createMemoryObjectStream<never>(1);
    await send.aclose();
    await receive.aclose();
    expect(() => send.clone()).toThrow(ClosedResourceError);
    expect(() => receive.clone()).toThrow(ClosedResourceError);
  });

  it('closing the send end wakes a waiting receiver with EndOfStream', async () => {
    const [send, receive] = createMemoryObjectStream<never>(1);
    const error = await withTaskGroup(async (tg) => {
      tg.startSoon(() => receive.receive());
      await waitAllTasksBlocked();
      await send.aclose();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndOfStream);
  });

  it('closing the receive end wakes a waiting sender with BrokenResourceError', async () => {
    const [send, receive] = createMemoryObjectStream<null>(0);
    const error = await withTaskGroup(async (tg) => {
      tg.startSoon(() => send.send(null));
      await waitAllTasksBlocked();
      await receive.aclose();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenResourceError);
  });

  it('closing one receive clone fails the task parked on it, and the other clone goes on', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    const other = receive.clone();
    const outcome: unknown[] = [];
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        outcome.push(await receive.receive().catch((e: unknown) => e));
      });
      await waitAllTasksBlocked();
      receive.close();
      await waitAllTasksBlocked();
      tg.startSoon(async () => {
        outcome.push(await other.receive());
      });
      await waitAllTasksBlocked();
      await send.send('hello');
    });
    expect(outcome[0]).toBeInstanceOf(ClosedResourceError);
    expect(outcome[1]).toBe('hello');
  });

  it('closing one send clone fails the task parked on it without delivering its item', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    const other = send.clone();
    let error: unknown;
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        error = await send.send('lost').catch((e: unknown) => e);
      });
      await waitAllTasksBlocked();
      send.close();
      expect(() => receive.receiveNowait()).toThrow(WouldBlock);
      tg.startSoon(() => other.send('kept'));
      await waitAllTasksBlocked();
      expect(receive.receiveNowait()).toBe('kept');
    });
    expect(error).toBeInstanceOf(ClosedResourceError);
  });

  it('buffered items are still received after the send end closes', async () => {
    const [send, receive] = createMemoryObjectStream<string>(1);
    await send.send('hello');
    await send.aclose();
    expect(await receive.receive()).toBe('hello');
    await expect(receive.receive()).rejects.toBeInstanceOf(EndOfStream);
  });

  it('receive() in a cancelled scope takes nothing from parked senders', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => send.send('hello'));
      await waitAllTasksBlocked();
      tg.startSoon(() => send.send('world'));
      await waitAllTasksBlocked();
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel();
        await receive.receive();
      });
      expect(scope.cancelledCaught).toBe(true);
      expect(await receive.receive()).toBe('hello');
      expect(await receive.receive()).toBe('world');
    });
  });

  it('send() in a cancelled scope delivers nothing, even to a waiting receiver', async () => {
    const [send, receive] = createMemoryObjectStream<string>();
    const received: string[] = [];
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        received.push(await receive.receive());
      });
      await waitAllTasksBlocked();
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel();
        await send.send('hello');
      });
      await send.send('world');
    });
    expect(received).toEqual(['world']);
  });

  it.each([0, 4])('an item handed to a receiver whose scope is then cancelled is still returned (buffer %i)', async (bufferSize) => {
    const [send, receive] = createMemoryObjectStream<string>(bufferSize);
    const received: string[] = [];
    let scopeWasCancelled = false;
    await withTaskGroup(async (tg) => {
      const scope = await tg.start<CancelScope>(async (status) => {
        const inner = new CancelScope();
        await inner.run(async () => {
          status.started(inner);
          received.push(await receive.receive());
        });
        scopeWasCancelled = inner.cancelCalled;
      });
      await waitAllTasksBlocked();
      send.sendNowait('hello');
      scope.cancel();
    });
    expect(received).toEqual(['hello']);
    expect(scopeWasCancelled).toBe(true);
  });

  it('sendNowait() skips a receiver with a pending cancellation: the item stays for the next one', async () => {
    const [send, receive] = createMemoryObjectStream<string>(1);
    await withTaskGroup(async (tg) => {
      const scope = await tg.start<CancelScope>(async (status) => {
        const inner = new CancelScope();
        await inner.run(async () => {
          status.started(inner);
          await receive.receive();
        });
      });
      await waitAllTasksBlocked();
      scope.cancel();
      send.sendNowait('item');
    });
    expect(receive.receiveNowait()).toBe('item');
  });

  it('sendNowait() passes over a cancelled receiver to the next waiting one', async () => {
    const [send, receive] = createMemoryObjectStream<string>(0);
    const received: string[] = [];
    await withTaskGroup(async (tg) => {
      const first = tg.startSoon(async () => {
        received.push(`first ${await receive.receive()}`);
      });
      await waitAllTasksBlocked();
      tg.startSoon(async () => {
        received.push(`second ${await receive.receive()}`);
      });
      await waitAllTasksBlocked();
      first.cancel();
      send.sendNowait('item');
    });
    expect(received).toEqual(['second item']);
  });

  it('each end closes through its own async disposal', async () => {
    const [sendStream, receiveStream] = createMemoryObjectStream<string>();
    await withTaskGroup((tg) => {
      tg.startSoon(async () => {
        await using s = sendStream;
        await s.send('test');
      });
      tg.startSoon(async () => {
        await using r = receiveStream;
        expect(await r.receive()).toBe('test');
      });
    });
    expect(sendStream.statistics()).toMatchObject({ openSendStreams: 0, openReceiveStreams: 0 });
  });

  it('using closes both ends synchronously', () => {
    const [sendStream, receiveStream] = createMemoryObjectStream<null>(1);
    {
      using _s = sendStream;
      using _r = receiveStream;
    }
    expect(() => sendStream.sendNowait(null)).toThrow(ClosedResourceError);
    expect(() => receiveStream.receiveNowait()).toThrow(ClosedResourceError);
  });

  it('aclose() completes inside a cancelled scope', async () => {
    const [send, receive] = createMemoryObjectStream<null>();
    const scope = new CancelScope();
    await scope.run(async () => {
      scope.cancel();
      await send.aclose();
      await receive.aclose();
    });
    expect(scope.cancelledCaught).toBe(false);
    expect(send.statistics()).toMatchObject({ openSendStreams: 0, openReceiveStreams: 0 });
  });

  it('closing is idempotent', () => {
    const [send, receive] = createMemoryObjectStream<null>();
    const clone = send.clone();
    send.close();
    send.close();
    expect(send.statistics().openSendStreams).toBe(1);
    clone.close();
    receive.close();
    receive.close();
    expect(send.statistics()).toMatchObject({ openSendStreams: 0, openReceiveStreams: 0 });
  });

  it('reports statistics from either end', async () => {
    const [sendStream, receiveStream] = createMemoryObjectStream<null>(1);
    for (const stream of [sendStream, receiveStream]) {
      expect(stream.statistics()).toEqual({
        currentBufferUsed: 0,
        maxBufferSize: 1,
        openSendStreams: 1,
        openReceiveStreams: 1,
        tasksWaitingSend: 0,
        tasksWaitingReceive: 0,
      });
    }
    for (const stream of [sendStream, receiveStream]) {
      await withTaskGroup(async (tg) => {
        sendStream.sendNowait(null);
        expect(stream.statistics().currentBufferUsed).toBe(1);
        tg.startSoon(() => sendStream.send(null));
        await waitAllTasksBlocked();
        expect(stream.statistics().currentBufferUsed).toBe(1);
        expect(stream.statistics().tasksWaitingSend).toBe(1);
        receiveStream.receiveNowait();
        expect(stream.statistics().currentBufferUsed).toBe(1);
        expect(stream.statistics().tasksWaitingSend).toBe(0);
        receiveStream.receiveNowait();
        expect(stream.statistics().currentBufferUsed).toBe(0);

        tg.startSoon(() => receiveStream.receive());
        await waitAllTasksBlocked();
        expect(stream.statistics().tasksWaitingReceive).toBe(1);
        sendStream.sendNowait(null);
        expect(stream.statistics().tasksWaitingReceive).toBe(0);
      });
      await withTaskGroup(async (tg) => {
        sendStream.sendNowait(null);
        expect(stream.statistics().tasksWaitingSend).toBe(0);
        for (let i = 0; i < 3; i++) tg.startSoon(() => sendStream.send(null));
        await waitAllTasksBlocked();
        expect(stream.statistics().tasksWaitingSend).toBe(3);
        for (let i = 2; i >= 0; i--) {
          receiveStream.receiveNowait();
          expect(stream.statistics().tasksWaitingSend).toBe(i);
        }
        receiveStream.receiveNowait();
      });
      expect(stream.statistics()).toMatchObject({ currentBufferUsed: 0, tasksWaitingSend: 0, tasksWaitingReceive: 0 });
    }
  });

  it('closing the last receive end drops the buffer', () => {
    const [send, receive] = createMemoryObjectStream<number>(3);
    send.sendNowait(1);
    send.sendNowait(2);
    receive.close();
    expect(send.statistics().currentBufferUsed).toBe(0);
  });

  it('provides no typed attributes', () => {
    const [send, receive] = createMemoryObjectStream<number>();
    const attribute = new TypedAttribute<string>('test attribute');
    expect(send.extra(attribute, 'fallback')).toBe('fallback');
    expect(() => receive.extra(attribute)).toThrow();
  });

  it('is usable as a generic receive stream type', async () => {
    async function drain(stream: MemoryObjectReceiveStream<number>): Promise<number[]> {
      const items: number[] = [];
      for await (const item of stream) items.push(item);
      return items;
    }
    const [send, receive] = createMemoryObjectStream<number>(Infinity);
    send.sendNowait(1);
    send.close();
    expect(await drain(receive)).toEqual([1]);
  });
});
