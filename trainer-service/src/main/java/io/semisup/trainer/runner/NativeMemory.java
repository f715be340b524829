package io.semisup.trainer.runner;

import org.bytedeco.javacpp.Pointer;
import org.jboss.logging.Logger;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Method;

/**
 * Gives back what a finished job held outside the Java heap, so that the tenth job starts from the footprint of the
 * first: the job thread's ND4J workspaces (sized for the last job's network and batch), the arrays of its networks
 * and datasets (freed by ND4J's and JavaCPP's deallocators once their Java objects are collected).
 */
final class NativeMemory {

    private static final Logger LOG = Logger.getLogger(NativeMemory.class);
    private static final long MB = 1024 * 1024;

    private NativeMemory() {
    }

    /** Call on the thread that ran the job. */
    static void release(String jobId) {
        long before = Pointer.physicalBytes();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
        awaitDeallocations();
        trimMalloc();
        LOG.infof("job %s: memory released, resident %d MB (was %d MB; Java heap %d MB of it, %d MB live)", jobId,
                Pointer.physicalBytes() / MB, before / MB, heapCommitted() / MB, heapUsed() / MB);
    }

    static long heapCommitted() {
        return Runtime.getRuntime().totalMemory();
    }

    /** The collected arrays are freed by deallocator threads, shortly after the collection: wait until they are done. */
    private static void awaitDeallocations() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 20 && Pointer.totalBytes() < previous; i++) {
            previous = Pointer.totalBytes();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Has glibc give its free pages back to the system (malloc_trim): freed arrays otherwise stay resident in the
     * allocator's arenas, one per thread that allocated. JavaCPP 1.5.7 has the call but keeps it private (it trims
     * only near its own limit), hence reflection; without it the release is only less complete.
     */
    private static void trimMalloc() {
        try {
            Method trim = Pointer.class.getDeclaredMethod("trimMemory");
            trim.setAccessible(true);
            trim.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("malloc_trim not available: %s", e);
        }
    }

    static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
