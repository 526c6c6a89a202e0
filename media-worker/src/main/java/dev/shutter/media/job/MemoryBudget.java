package dev.shutter.media.job;

import java.util.concurrent.Semaphore;

/**
 * Bounds the memory that jobs running at once may take, in MiB: several large uploads wait for
 * each other instead of exhausting the heap. A job larger than the whole budget runs alone.
 */
public final class MemoryBudget {

    private final int totalMib;
    private final Semaphore mib;

    public MemoryBudget(long bytes) {
        this.totalMib = (int) Math.max(1, bytes >> 20);
        this.mib = new Semaphore(totalMib, true);
    }

    /** Blocks until the estimate fits; the returned handle gives it back. */
    public Reservation reserve(long estimatedBytes) throws InterruptedException {
        int wanted = (int) Math.min(totalMib, Math.max(1, estimatedBytes >> 20));
        mib.acquire(wanted);
        return () -> mib.release(wanted);
    }

    public int availableMib() {
        return mib.availablePermits();
    }

    @FunctionalInterface
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }
}
