package io.semisup.training.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendTest {

    @Test
    void oneDnnLayerHelpersAreOnForTheCpuBackend() {
        Backend.init();
        assertEquals("CPU", Backend.name(), "the default build runs nd4j-native");
        assertTrue(Backend.oneDnnLayerHelpers(),
                "DL4J's oneDNN layer helpers are off: training runs about half as fast (" + Backend.describe() + ")");
        System.out.println(Backend.describe() + ", matmul " + Math.round(Backend.matmulCeiling()) + " GFLOP/s");
    }
}
