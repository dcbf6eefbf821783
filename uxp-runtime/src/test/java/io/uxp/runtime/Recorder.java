package io.uxp.runtime;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test handler that records every event: ready and closed counts, close causes, bytes received and their
 * SHA-256, and whether two callbacks of the connection ever overlapped.
 */
class Recorder implements ConnectionHandler {
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger writable = new AtomicInteger();
    final Semaphore writablePermits = new Semaphore(0);
    final List<CloseCause> closes = new ArrayList<>();
    final CompletableFuture<CloseCause> closed = new CompletableFuture<>();
    final AtomicLong bytes = new AtomicLong();
    final AtomicInteger messages = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    private final MessageDigest sha = sha256();
    private volatile Thread callbackThread;
    final AtomicInteger threadChanges = new AtomicInteger();

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private void enter() {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
        Thread t = Thread.currentThread();
        if (callbackThread != null && callbackThread != t) {
            threadChanges.incrementAndGet();
        }
        callbackThread = t;
    }

    private void exit() {
        inside.decrementAndGet();
    }

    @Override
    public void onReady(Connection connection) {
        enter();
        ready.incrementAndGet();
        exit();
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) {
        enter();
        try {
            int n = data.remaining();
            synchronized (sha) {
                sha.update(data);
            }
            messages.incrementAndGet();
            bytes.addAndGet(n);
            received(connection, n);
        } finally {
            exit();
        }
    }

    /** A hook for subclasses, after the bytes are counted. */
    void received(Connection connection, int n) {
    }

    @Override
    public void onWritable(Connection connection) {
        enter();
        writable.incrementAndGet();
        writablePermits.release();
        exit();
    }

    @Override
    public void onClosed(Connection connection, CloseCause cause) {
        enter();
        synchronized (closes) {
            closes.add(cause);
        }
        closed.complete(cause);
        exit();
    }

    byte[] digest() {
        synchronized (sha) {
            return ((MessageDigest) cloneDigest()).digest();
        }
    }

    private Object cloneDigest() {
        try {
            return sha.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    List<CloseCause> closes() {
        synchronized (closes) {
            return List.copyOf(closes);
        }
    }
}
