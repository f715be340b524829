package io.semisup.trainer.runner;

import io.quarkus.test.Mock;
import io.semisup.storage.ObjectStore;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The real checkpoint store, with faults for jobs whose id asks for one. Checkpoints are saved on the job's thread
 * after each epoch, in the middle of the engine's training loop, so a fault here is a fault mid-job:
 * <ul>
 *   <li>{@code oom-once-*}: the second epoch's save throws {@link OutOfMemoryError}, on the first attempt only;</li>
 *   <li>{@code error-*}: the first save throws {@link InternalError};</li>
 *   <li>{@code hangs-*}: the first save blocks, deaf to interrupts, until {@link #release()}.</li>
 * </ul>
 */
@Mock
@Singleton
public class FaultyCheckpoints extends CheckpointStore {

    private final Map<String, Integer> saves = new ConcurrentHashMap<>();
    private final CountDownLatch hung = new CountDownLatch(1);

    public FaultyCheckpoints(ObjectStore store) {
        super(store);
    }

    @Override
    public void save(String jobId, Path runDir) {
        int save = saves.merge(jobId, 1, Integer::sum);
        if (jobId.startsWith("oom-once-") && save == 2) {
            throw new OutOfMemoryError("injected: Physical memory usage is too high");
        }
        if (jobId.startsWith("error-")) {
            throw new InternalError("injected fault");
        }
        if (jobId.startsWith("hangs-") && save == 1) {
            boolean interrupted = false;
            while (true) {
                try {
                    hung.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        super.save(jobId, runDir);
    }

    /** Lets a hung save go on. */
    public void release() {
        hung.countDown();
    }
}
