package io.semisup.training.run;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.backend.Backend;
import io.semisup.training.data.Augmenter;
import io.semisup.training.data.BatchPipeline;
import io.semisup.training.data.Batches;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.data.Sample;
import io.semisup.training.method.MethodContext;
import io.semisup.training.method.Methods;
import io.semisup.training.method.Phase;
import io.semisup.training.report.ClassifierEvaluation;
import io.semisup.training.report.Evaluator;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;

/**
 * Runs a method's phases: evaluation paced to a small share of the time ({@link EvaluationPacer}), early stopping on
 * validation accuracy (back to the best weights), the time budget, a checkpoint after every epoch, and resuming from
 * it. Interrupting the thread cancels the run at the next step.
 */
public final class TrainingRun {

    private static final int PREFETCH = 4;
    /** Steps between two re-estimates of where the learning-rate decay must end to meet the deadline. */
    private static final int ANNEAL_EVERY = 10;
    /** Checkpoint entry of the weight average. */
    private static final String AVERAGE = "weight-average";

    private final TrainingConfig config;
    private final ImageDataset data;
    private final Path runDir;
    private final ProgressListener progress;
    private final MethodContext context;
    private final Evaluator evaluator;
    private final LongSupplier nanoTime;
    private Clock clock;

    public TrainingRun(TrainingConfig config, ImageDataset data, Path runDir, ProgressListener progress) {
        this(config, data, runDir, progress, System::nanoTime);
    }

    /** @param nanoTime what the time budget is measured with (tests give it a clock of their own) */
    TrainingRun(TrainingConfig config, ImageDataset data, Path runDir, ProgressListener progress,
                LongSupplier nanoTime) {
        Backend.init();
        this.nanoTime = nanoTime;
        this.config = config;
        this.data = data;
        this.runDir = runDir;
        this.progress = progress;
        Batches batches = new Batches(new Augmenter(config.imageSize()), config.seed());
        this.context = new MethodContext(config, data, batches);
        this.evaluator = new Evaluator(batches, config.batchSize(), data.classes());
    }

    public RunResult run() {
        List<Phase> phases = Methods.phases(context);
        Checkpoint.Restored restored = Checkpoint.load(runDir).orElse(null);
        Checkpoint.State state = restored != null ? restored.state()
                : new Checkpoint.State(0, 0, 0, -1, -1, 0, 0, "epochs", List.of());
        List<EpochRecord> history = new ArrayList<>(state.history());
        clock = new Clock(state.elapsedSeconds(), nanoTime);
        String stopReason = state.stopReason();
        ComputationGraph graph = null;
        Map<String, INDArray> extras = new HashMap<>();
        if (restored != null) {
            graph = phases.get(state.graphPhase()).createGraph(null);
            restored.applyTo(graph);
            extras.putAll(restored.extras());
            extras.remove(AVERAGE);
            phases.get(state.graphPhase()).restore(extras);
            if (state.phase() < phases.size()) {
                progress.message("resuming " + phases.get(state.phase()).name() + " at epoch " + (state.nextEpoch() + 1));
            }
        }
        int workers = config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
        try (BatchPipeline pipeline = new BatchPipeline(workers, PREFETCH)) {
            for (int p = state.phase(); p < phases.size(); p++) {
                Phase phase = phases.get(p);
                boolean midPhase = restored != null && p == state.phase() && state.graphPhase() == p;
                if (!midPhase) {
                    graph = phase.createGraph(graph);
                }
                INDArray bestParams = midPhase ? restored.bestParams() : null;
                double bestAccuracy = midPhase ? state.bestAccuracy() : -1;
                int bestEpoch = midPhase ? state.bestEpoch() : -1;
                int firstEpoch = midPhase ? state.nextEpoch() : 0;
                WeightAverage average = null;
                if (config.emaDecay() > 0 && phase.classifies()) {
                    INDArray saved = midPhase ? restored.extras().get(AVERAGE) : null;
                    average = new WeightAverage(config.emaDecay(), saved != null ? saved : graph.params());
                }
                Budget budget = new Budget(deadline(phases, p, clock.seconds()));
                EvaluationPacer pacer = new EvaluationPacer();
                progress.phaseStarted(phase.name(), p, phases.size(), phase.epochs(), phase.stepsPerEpoch(),
                        budget.timeLeft(clock.seconds()));
                stopReason = "epochs";
                for (int epoch = firstEpoch; epoch < phase.epochs(); epoch++) {
                    EpochRecord record = trainEpoch(phase, graph, epoch, pipeline, average, budget, pacer);
                    history.add(record);
                    Double val = record.validationAccuracy();
                    if (val != null && val > bestAccuracy) {
                        bestAccuracy = val;
                        bestEpoch = epoch;
                        bestParams = (average != null ? average.params() : graph.params()).dup();
                    }
                    boolean patienceOut = val != null && config.patience() > 0 && epoch - bestEpoch >= config.patience();
                    boolean outOfTime = clock.seconds() >= budget.deadline;
                    if (patienceOut) {
                        stopReason = "early stopping";
                    } else if (outOfTime) {
                        stopReason = "time budget";
                    }
                    boolean last = epoch + 1 == phase.epochs() || patienceOut || outOfTime;
                    phase.epochFinished(epoch + 1, last, runDir);
                    Map<String, INDArray> saved = new HashMap<>(phase.state());
                    if (last) {
                        finishPhase(phase, graph, average, bestParams, bestAccuracy, bestEpoch);
                        // The phase is done: the checkpoint holds its final weights, the next phase starts from them.
                        Checkpoint.save(runDir, graph, null, saved, new Checkpoint.State(p + 1, p, 0, -1, -1,
                                clock.seconds(), iterations(graph), stopReason, history));
                    } else {
                        if (average != null) {
                            saved.put(AVERAGE, average.params());
                        }
                        Checkpoint.save(runDir, graph, bestParams, saved, new Checkpoint.State(p, p, epoch + 1,
                                bestAccuracy, bestEpoch, clock.seconds(), iterations(graph), stopReason, history));
                    }
                    progress.epochDone(record);
                    if (last) {
                        break;
                    }
                }
            }
        }
        ComputationGraph classifier = Methods.classifierOf(graph, context);
        return new RunResult(classifier, history, finalEvaluation(classifier), stopReason, clock.seconds(),
                passesPerSecond(phases, history));
    }

    private static double passesPerSecond(List<Phase> phases, List<EpochRecord> history) {
        Map<String, Double> passesPerRow = new HashMap<>();
        phases.forEach(phase -> passesPerRow.put(phase.name(), phase.passesPerRow()));
        return history.stream()
                .mapToDouble(r -> r.imagesPerSecond() * passesPerRow.getOrDefault(r.phase(), 3.0))
                .average().orElse(0);
    }

    /**
     * The weights a phase hands on: with early stopping (patience &gt; 0) the best epoch's, otherwise the final ones,
     * averaged where the phase keeps an average. Without selection the reported validation accuracy is not flattered
     * by having picked the epoch on the same images.
     */
    private void finishPhase(Phase phase, ComputationGraph graph, WeightAverage average, INDArray bestParams,
                             double bestAccuracy, int bestEpoch) {
        if (config.patience() > 0 && bestParams != null) {
            graph.setParams(bestParams);
            progress.message(phase.name() + ": best validation accuracy "
                    + String.format("%.3f", bestAccuracy) + " at epoch " + (bestEpoch + 1));
        } else if (average != null) {
            graph.setParams(average.params());
        }
    }

    private EpochRecord trainEpoch(Phase phase, ComputationGraph graph, int epoch, BatchPipeline pipeline,
                                   WeightAverage average, Budget budget, EvaluationPacer pacer) {
        long start = System.nanoTime();
        int steps = phase.stepsPerEpoch();
        Map<String, Double> lossSums = new LinkedHashMap<>();
        Map<String, Integer> lossCounts = new HashMap<>();
        double stepSeconds = 0;
        Iterator<HostBatch> batches = pipeline.run(steps, step -> phase.batch(epoch, step));
        pipeline.takeWaitSeconds();
        int done = 0;
        while (done < steps) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("training cancelled");
            }
            HostBatch batch = batches.next();
            long stepStart = System.nanoTime();
            Map<String, Double> stepLosses = phase.fit(graph, batch);
            if (average != null) {
                average.update(graph.params(), iterations(graph));
            }
            stepSeconds += (System.nanoTime() - stepStart) / 1e9;
            done++;
            for (var loss : stepLosses.entrySet()) {
                if (!Double.isFinite(loss.getValue())) {
                    throw new TrainingFailedException(phase.name() + " diverged: " + loss.getKey() + " loss is "
                            + loss.getValue() + " at epoch " + (epoch + 1) + ", step " + done
                            + "; try a lower learning rate");
                }
                lossSums.merge(loss.getKey(), loss.getValue(), Double::sum);
                lossCounts.merge(loss.getKey(), 1, Integer::sum);
            }
            double loss = stepLosses.values().iterator().next();
            progress.stepDone(phase.name(), epoch + 1, done, steps, loss, phase.rowsPerStep() * done / stepSeconds);
            if (budget.bounded() && done % ANNEAL_EVERY == 0) {
                budget.anneal(phase, iterations(graph), clock.seconds());
            }
            // The budget is a promise: the epoch stops at the deadline, not after the epoch that crosses it.
            if (clock.seconds() >= budget.deadline) {
                break;
            }
        }
        if (done < steps) {
            progress.message(phase.name() + ": time budget reached after " + done + " of " + steps
                    + " steps of epoch " + (epoch + 1));
        }
        double waited = pipeline.takeWaitSeconds();
        double lr = ((BaseLayer) graph.getOutputLayer(0).conf().getLayer()).getIUpdater()
                .getLearningRate(graph.getConfiguration().getIterationCount(), epoch);
        Map<String, Double> losses = new LinkedHashMap<>();
        // Each loss averaged over the steps that measured it (a phase may measure a gauge on some steps only).
        lossSums.forEach((k, v) -> losses.put(k, v / lossCounts.get(k)));
        Double train = null;
        Double validation = null;
        boolean last = epoch + 1 == phase.epochs() || clock.seconds() >= budget.deadline;
        if (phase.classifies() && pacer.due((System.nanoTime() - start) / 1e9, last)) {
            long evaluationStart = System.nanoTime();
            INDArray live = average != null ? average.swapIn(graph) : null;
            try {
                train = evaluator.evaluate(graph, data.split(Split.LABELED), "labeled").accuracy();
                List<Sample> val = data.split(Split.VALIDATION);
                validation = val.isEmpty() ? null : evaluator.evaluate(graph, val, "validation").accuracy();
            } finally {
                if (live != null) {
                    WeightAverage.swapOut(graph, live);
                }
            }
            pacer.evaluated((System.nanoTime() - evaluationStart) / 1e9);
        }
        if (budget.bounded()) {
            budget.anneal(phase, iterations(graph), clock.seconds());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochRecord(phase.name(), epoch + 1, losses, train, validation, lr,
                phase.rowsPerStep() * done / stepSeconds, waited / seconds, seconds);
    }

    private static int iterations(ComputationGraph graph) {
        return graph.getConfiguration().getIterationCount();
    }

    /** When phase {@code p} must stop: its share of what is left of the budget (infinite without a budget). */
    private double deadline(List<Phase> phases, int p, double elapsed) {
        if (config.timeBudget() == null) {
            return Double.POSITIVE_INFINITY;
        }
        double left = config.timeBudget().toMillis() / 1000.0 - elapsed;
        double share = p == phases.size() - 1 ? 1.0 : phases.get(p).budgetShare();
        return elapsed + Math.max(0, left) * share;
    }

    /** Training time of the run, resumed runs included: what the time budget counts. */
    private static final class Clock {
        private final double before;
        private final LongSupplier nanoTime;
        private final long start;

        Clock(double before, LongSupplier nanoTime) {
            this.before = before;
            this.nanoTime = nanoTime;
            this.start = nanoTime.getAsLong();
        }

        double seconds() {
            return before + (nanoTime.getAsLong() - start) / 1e9;
        }
    }

    /**
     * A phase's deadline, and the learning-rate decay fitted to it: the phase's seconds per step so far (evaluation
     * included) say how many steps are left before the deadline, and the cosine ends there.
     */
    private static final class Budget {
        private final double deadline;
        private int startIteration = -1;
        private double startSeconds;

        Budget(double deadline) {
            this.deadline = deadline;
        }

        boolean bounded() {
            return Double.isFinite(deadline);
        }

        /** @return the time to the deadline from {@code now}, or null without one */
        Duration timeLeft(double now) {
            return bounded() ? Duration.ofMillis((long) (1000 * Math.max(0, deadline - now))) : null;
        }

        void anneal(Phase phase, int iteration, double now) {
            if (startIteration < 0) {
                // Timed from the first call on: the phase's first steps pay for warming up the native code.
                startIteration = iteration;
                startSeconds = now;
                return;
            }
            int steps = iteration - startIteration;
            if (steps <= 0) {
                return;
            }
            double perStep = (now - startSeconds) / steps;
            int left = (int) Math.max(0, Math.floor((deadline - now) / perStep));
            phase.annealBy((int) Math.min(phase.plannedSteps(), (long) iteration + left));
        }
    }

    private ClassifierEvaluation finalEvaluation(ComputationGraph classifier) {
        List<Sample> samples = data.evaluationSplit();
        if (samples.isEmpty()) {
            return evaluator.evaluate(classifier, data.split(Split.LABELED), "labeled");
        }
        return evaluator.evaluate(classifier, samples, data.evaluationSplitName().name().toLowerCase());
    }

}
