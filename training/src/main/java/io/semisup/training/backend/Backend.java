package io.semisup.training.backend;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Brings ND4J up the way this engine needs it, whatever backend the build chose (nd4j-native with oneDNN by default,
 * CUDA with cuDNN under {@code -Pcuda}). Call {@link #init()} before anything touches {@link Nd4j}.
 */
public final class Backend {

    /** JavaCPP picks the native variant by this suffix: "-onednn" for CPU, "-cudnn" for CUDA. */
    private static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** DL4J's switch for its layer helpers; the class that names it is not in deeplearning4j-nn's jar. */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean initialised;
    private static double ceiling;

    private Backend() {
    }

    public static synchronized void init() {
        if (initialised) {
            return;
        }
        if (System.getProperty(PLATFORM_EXTENSION) == null) {
            System.setProperty(PLATFORM_EXTENSION, buildClassifierExtension());
        }
        // DL4J 1.0.0-M2.1 ships its layer helpers (oneDNN, cuDNN) switched off; they are about twice as fast.
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        initialised = true;
    }

    /** "CPU" or "CUDA". */
    public static String name() {
        init();
        return Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
    }

    /** True when DL4J's layers will run through oneDNN (CPU) — false on CUDA, where cuDNN helpers apply instead. */
    public static boolean oneDnnLayerHelpers() {
        init();
        return BaseMKLDNNHelper.mklDnnEnabled()
                && !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE));
    }

    /**
     * One line for logs and reports: backend, native variant, helper state, threads, and how long idle OpenMP
     * threads spin ({@code GOMP_SPINCOUNT}, read by libgomp when it loads: the launchers set it, a run cannot).
     */
    public static String describe() {
        init();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String spin = System.getenv("GOMP_SPINCOUNT");
        return String.format("%s backend (%s%s), blas %s, %s threads, OpenMP spin count %s, oneDNN layer helpers %s",
                name(), System.getProperty("os.arch"), System.getProperty(PLATFORM_EXTENSION),
                env.getProperty("blas.vendor", "?"), env.getProperty("omp.threads", "?"),
                spin == null || spin.isBlank() ? "libgomp's default" : spin, oneDnnLayerHelpers() ? "on" : "off");
    }

    /** {@link #matmulGflops} of 1024×1024 products, measured once per process (runs report it, a job need not pay). */
    public static synchronized double matmulCeiling() {
        if (ceiling == 0) {
            ceiling = matmulGflops(1024, 5);
        }
        return ceiling;
    }

    /** The machine's matrix-product ceiling in GFLOP/s (best of a few n×n float products). */
    public static double matmulGflops(int n, int repeats) {
        init();
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c); // warm-up
        double best = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            Nd4j.getExecutioner().commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * n * n * n / seconds / 1e9);
        }
        return best;
    }

    private static String buildClassifierExtension() {
        try (InputStream in = Backend.class.getResourceAsStream("/semisup-backend.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String classifier = p.getProperty("nd4j.classifier", "");
            int dash = classifier.indexOf('-', classifier.indexOf("x86_64") + 1);
            return dash < 0 ? "" : classifier.substring(dash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
