package io.semisup.trainer;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.semisup.trainer.runner.MemoryLimits;

/** Sets the native-memory limits before anything loads JavaCPP (which reads them once), then starts the service. */
@QuarkusMain
public final class TrainerMain {

    private TrainerMain() {
    }

    public static void main(String... args) {
        MemoryLimits.apply();
        Quarkus.run(args);
    }
}
