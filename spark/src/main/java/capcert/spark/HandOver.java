package capcert.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a producer that pushes items (capcert's scanner hands on handshakes as it finds them) on a
 * thread of its own and hands them to a Spark task as the iterator it pulls, through a bounded queue:
 * the producer waits while the task is behind, so a capture of any size is held a few rows at a time.
 * {@link #close()} (when the task ends, or is killed) stops the producer at its next item.
 */
final class HandOver<T> implements Iterator<T>, AutoCloseable {

    /** Thrown inside the producer, through its {@code Consumer}, once the task no longer wants items. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("the task reading this capture ended", null, false, false);
        }
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    /** What the producer threw, other than {@link Cancelled}: a bug, given to the task to fail with. */
    private volatile Throwable failure;
    private Object next;

    /** Starts {@code producer} at once. */
    HandOver(String name, int capacity, Consumer<Consumer<T>> producer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> {
            try {
                producer.accept(this::put);
            } catch (Cancelled e) {
                return;
            } catch (Throwable t) {
                failure = t;
            }
            try {
                put(END);
            } catch (Cancelled e) {
                // Nobody is reading any more.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void put(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Cancelled();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
            }
        }
        if (next == END && failure != null) throw new IllegalStateException(thread.getName() + " failed", failure);
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        T item = (T) next;
        next = null;
        return item;
    }

    @Override
    public void close() {
        closed = true;
    }
}
