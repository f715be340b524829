package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Workaround for Deeplearning4j 1.0.0-M2.1, which never enables its layer-level oneDNN helpers: its
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} reflects on {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()},
 * a class the release moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} (and renamed the method to
 * {@code isUseONEDNN}). This class restores the old name and forwards to the new one, by reflection so that nothing
 * here assumes the CPU backend: on CUDA the real class is absent and the answer is simply "no".
 * {@code io.semisup.training.backend.Backend} switches the helpers on; {@code BackendTest} fails if they are off.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    public static final class Environment {

        private static final Environment INSTANCE = new Environment();
        private static final String MOVED_TO = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            try {
                Class<?> moved = Class.forName(MOVED_TO);
                Object environment = moved.getMethod("getInstance").invoke(null);
                Method useOneDnn = moved.getMethod("isUseONEDNN");
                return (boolean) useOneDnn.invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
