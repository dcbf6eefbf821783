/**
 * Event loops: a {@link io.uxp.runtime.worker.Worker} loop owns a set of connections, runs their datagrams,
 * tasks and timers (an indexed heap, so idle connections cost nothing), and calls their handlers; it reads the
 * sockets registered with it itself ({@code WorkerSockets}). A {@code WorkerRunner} thread runs it and parks or
 * selects when a turn found nothing to do, or a test drives it turn by turn in virtual time.
 */
package io.uxp.runtime.worker;
