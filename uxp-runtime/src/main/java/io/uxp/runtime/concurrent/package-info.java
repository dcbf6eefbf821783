/**
 * Lock-free bounded queues for the hand-offs between threads: {@link io.uxp.runtime.concurrent.MpscRing} (many
 * producers, one consumer: a worker's inbound datagrams and tasks, a connection's sends from other threads) and
 * {@link io.uxp.runtime.concurrent.MpmcRing} (the receive slot pool, spare send buffers). Both are arrays of slots, each with a sequence
 * number that says whose turn the slot is (the bounded queue of Dmitry Vyukov), so neither allocates per element.
 */
package io.uxp.runtime.concurrent;
