package io.uxp.runtime.worker;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Scheduled} objects by deadline, each knowing its own index, so that changing
 * a deadline is a sift (O(log n)) and allocates nothing once the array has grown. One owner thread.
 */
final class TimerHeap {

    private Scheduled[] heap = new Scheduled[64];
    private int size;

    /** Sets, moves or (with {@link Long#MAX_VALUE}) removes {@code s}'s deadline. */
    void schedule(Scheduled s, long deadlineMicros) {
        if (deadlineMicros == Long.MAX_VALUE) {
            remove(s);
            return;
        }
        long old = s.deadlineMicros;
        s.deadlineMicros = deadlineMicros;
        if (s.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            s.heapIndex = size;
            heap[size++] = s;
            siftUp(s.heapIndex);
        } else if (deadlineMicros < old) {
            siftUp(s.heapIndex);
        } else {
            siftDown(s.heapIndex);
        }
    }

    void remove(Scheduled s) {
        int i = s.heapIndex;
        s.deadlineMicros = Long.MAX_VALUE;
        if (i < 0) {
            return;
        }
        s.heapIndex = -1;
        Scheduled last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    /** @return the earliest, or {@code null} */
    Scheduled peek() {
        return size == 0 ? null : heap[0];
    }

    int size() {
        return size;
    }

    private void siftUp(int i) {
        Scheduled s = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Scheduled p = heap[parent];
            if (p.deadlineMicros <= s.deadlineMicros) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = s;
        s.heapIndex = i;
    }

    private void siftDown(int i) {
        Scheduled s = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadlineMicros < heap[child].deadlineMicros) {
                child = right;
            }
            if (s.deadlineMicros <= heap[child].deadlineMicros) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = s;
        s.heapIndex = i;
    }
}
