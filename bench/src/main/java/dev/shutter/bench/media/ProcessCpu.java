package dev.shutter.bench.media;

import java.lang.management.ManagementFactory;

/**
 * CPU time of the whole JVM process, not of the calling thread: GC, JIT and any pool threads the
 * libraries start are part of what a photo costs the worker.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {}

    static long nanos() {
        return OS.getProcessCpuTime();
    }

    /** Process CPU milliseconds spent while {@code work} ran. */
    static double measureMillis(Work work) throws Exception {
        long start = nanos();
        work.run();
        return (nanos() - start) / 1e6;
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
