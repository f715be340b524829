package io.semisup.training.run;

import io.semisup.contracts.messaging.MessageCodec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a run at the end of an epoch, enough to resume it exactly: the weights, the optimizer state and step
 * count, the best weights so far (early stopping returns to them), and where the run stood. The graph itself is
 * rebuilt from the run's configuration: a graph restored with DL4J's ModelSerializer (1.0.0-M2.1) turned every weight
 * into NaN on its first training step, although weights, optimizer state and configuration all compared equal.
 * A phase may add arrays of its own ({@code Phase.state()}: a GAN's generator and optimizer states), saved as
 * {@code extra-<name>.bin}. Written to a fresh folder that replaces the previous checkpoint in one rename, so a crash mid-write leaves the
 * last good one.
 */
public final class Checkpoint {

    /**
     * @param phase        index of the phase to run next (the number of phases when the run is finished)
     * @param graphPhase   index of the phase whose graph the saved weights belong to
     * @param nextEpoch    0-based epoch of {@code phase} to run next
     * @param bestAccuracy best validation accuracy in this phase (-1: none yet)
     * @param bestEpoch    0-based epoch it was reached at
     * @param elapsedSeconds training time used so far, for the time budget
     * @param iterations   optimizer steps taken by the phase's graph (the learning-rate schedule and Adam need it)
     * @param stopReason   why the last finished phase ended
     * @param history      every finished epoch of the run
     */
    public record State(int phase, int graphPhase, int nextEpoch, double bestAccuracy, int bestEpoch,
                        double elapsedSeconds, int iterations, String stopReason, List<EpochRecord> history) {
    }

    /** What a resumed run continues from; {@code extras} are the phase's own arrays by name. */
    public record Restored(State state, INDArray params, INDArray updaterState, INDArray bestParams,
                           Map<String, INDArray> extras) {

        /** Puts the saved weights, optimizer state and step count into a graph built like the saved one. */
        public void applyTo(ComputationGraph graph) {
            graph.setParams(params);
            if (updaterState != null) {
                graph.getUpdater().setStateViewArray(updaterState);
            }
            graph.getConfiguration().setIterationCount(state.iterations());
        }
    }

    private static final String FOLDER = "checkpoint";
    private static final String EXTRA = "extra-";

    private Checkpoint() {
    }

    /** The folder inside {@code runDir} that holds the checkpoint: what a caller mirrors elsewhere and puts back. */
    public static Path folder(Path runDir) {
        return runDir.resolve(FOLDER);
    }

    public static void save(Path runDir, ComputationGraph graph, INDArray bestParams, Map<String, INDArray> extras,
                            State state) {
        try {
            Path target = folder(runDir);
            Path staging = runDir.resolve(FOLDER + ".tmp");
            deleteTree(staging);
            Files.createDirectories(staging);
            Nd4j.saveBinary(graph.params(), staging.resolve("params.bin").toFile());
            INDArray updaterState = graph.getUpdater().getStateViewArray();
            if (updaterState != null) {
                Nd4j.saveBinary(updaterState, staging.resolve("updater.bin").toFile());
            }
            if (bestParams != null) {
                Nd4j.saveBinary(bestParams, staging.resolve("best.bin").toFile());
            }
            for (var extra : extras.entrySet()) {
                Nd4j.saveBinary(extra.getValue(), staging.resolve(EXTRA + extra.getKey() + ".bin").toFile());
            }
            MessageCodec.mapper().writeValue(staging.resolve("state.json").toFile(), state);
            Path old = runDir.resolve(FOLDER + ".old");
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + runDir, e);
        }
    }

    public static Optional<Restored> load(Path runDir) {
        Path dir = folder(runDir);
        if (!Files.isRegularFile(dir.resolve("state.json"))) {
            return Optional.empty();
        }
        try {
            State state = MessageCodec.mapper().readValue(dir.resolve("state.json").toFile(), State.class);
            Map<String, INDArray> extras = new HashMap<>();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(EXTRA) && name.endsWith(".bin")) {
                        extras.put(name.substring(EXTRA.length(), name.length() - 4), Nd4j.readBinary(file.toFile()));
                    }
                }
            }
            return Optional.of(new Restored(state, Nd4j.readBinary(dir.resolve("params.bin").toFile()),
                    readIfPresent(dir.resolve("updater.bin")), readIfPresent(dir.resolve("best.bin")), extras));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint in " + dir, e);
        }
    }

    private static INDArray readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? Nd4j.readBinary(file.toFile()) : null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
