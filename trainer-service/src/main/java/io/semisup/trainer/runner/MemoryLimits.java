package io.semisup.trainer.runner;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.VMOption;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bytedeco.javacpp.Pointer;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;

/**
 * The one place that sizes the trainer's memory. The budget is what the process may use: the container's memory limit
 * (Docker, Kubernetes), or {@code -XX:MaxRAM} where there is none ({@code deploy/semisup.sh} passes
 * {@code SEMISUP_TRAINER_MEMORY}). The launchers give the Java heap a quarter of it ({@code -XX:MaxRAMPercentage=25}):
 * ND4J keeps its arrays off the heap. From the budget and the heap this class sets JavaCPP's two limits, unless they
 * are given on the command line:
 * <ul>
 *   <li>{@code org.bytedeco.javacpp.maxphysicalbytes}, the resident size JavaCPP lets the process reach before it
 *   collects garbage and, failing that, throws {@link OutOfMemoryError} (which fails or retries one job) rather than
 *   have the kernel kill the process: 90% of the budget;</li>
 *   <li>{@code org.bytedeco.javacpp.maxbytes}, the arrays JavaCPP tracks: the rest of that after the heap and the JVM's
 *   own overhead. JavaCPP's default (the heap size) made a 512 MB heap run hundreds of full collections a job.</li>
 * </ul>
 */
@ApplicationScoped
public class MemoryLimits {

    private static final Logger LOG = Logger.getLogger(MemoryLimits.class);
    private static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    private static final double RESIDENT_SHARE = 0.9;
    /** Metaspace, code cache, thread stacks, GC structures, the native libraries' own allocations. */
    private static final long JVM_OVERHEAD = 384L << 20;
    private static final long MB = 1 << 20;

    /** Call before anything loads JavaCPP's {@link Pointer}. */
    public static void apply() {
        long budget = budget();
        long heap = Runtime.getRuntime().maxMemory();
        long resident = (long) (budget * RESIDENT_SHARE);
        long arrays = Math.max(256 * MB, resident - heap - JVM_OVERHEAD);
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, Long.toString(resident));
        }
        if (System.getProperty(MAX_BYTES) == null) {
            System.setProperty(MAX_BYTES, Long.toString(arrays));
        }
    }

    /** The memory this process may use: the container's limit or the machine's memory, or -XX:MaxRAM if lower. */
    static long budget() {
        long total = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        VMOption maxRam = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("MaxRAM");
        if (maxRam.getOrigin() != VMOption.Origin.DEFAULT) {
            total = Math.min(total, Long.parseLong(maxRam.getValue()));
        }
        return total;
    }

    void log(@Observes StartupEvent event) {
        LOG.infof("memory: budget %d MB, Java heap up to %d MB, JavaCPP arrays up to %d MB, resident size up to %d MB%s",
                budget() / MB, Runtime.getRuntime().maxMemory() / MB, Pointer.maxBytes() / MB,
                Pointer.maxPhysicalBytes() / MB,
                System.getProperty(MAX_BYTES) == null ? " (JavaCPP's defaults: not started by TrainerMain)" : "");
    }
}
