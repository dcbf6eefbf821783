/**
 * Event loops: a {@link io.uxp.runtime.worker.Worker} thread owns a set of connections, runs their datagrams,
 * tasks and timers (an indexed heap, so idle connections cost nothing), and calls their handlers.
 */
package io.uxp.runtime.worker;
