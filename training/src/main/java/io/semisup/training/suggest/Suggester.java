package io.semisup.training.suggest;

import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.training.data.Augmenter;
import io.semisup.training.data.Batches;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.data.Sample;
import io.semisup.training.run.ProgressListener;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Ranks a dataset's unlabelled images for labelling with the final classifier, by every {@link Strategy}: scores
 * each image (probabilities and representation), clusters the representations once for the two cluster-based
 * strategies, and keeps the first {@link #DEPTH} images of each ranking.
 */
public final class Suggester {

    /** Images a labelling round asks for: TypiClust plans its clusters for this many new labels. */
    public static final int ROUND = 100;
    /** How deep each ranking goes: more than a person labels before the next model replaces the suggestions. */
    public static final int DEPTH = 1000;
    /** Margin-cluster clusters this many of the most uncertain images per round image (Citovsky et al. use 10). */
    static final int UNCERTAIN_POOL = 10;
    /** Clustering cost grows with points x clusters; beyond this many clusters the ranking gains little. */
    static final int MAX_CLUSTERS = 500;
    private static final int GUESSES = 3;

    private Suggester() {
    }

    /** @return the suggestions, or empty when the dataset has no unlabelled images */
    public static Optional<Suggestions> suggest(ComputationGraph classifier, ImageDataset data, TrainingConfig config,
                                                ProgressListener progress) {
        List<Sample> unlabeled = data.split(Split.UNLABELED);
        if (unlabeled.isEmpty()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        Scorer scorer = new Scorer(classifier, new Batches(new Augmenter(config.imageSize()), config.seed()),
                config.batchSize());
        int total = unlabeled.size();
        int[] quarters = {0};
        Scored scored = scorer.score(unlabeled, done -> {
            if (4L * done / total > quarters[0]) {
                quarters[0] = (int) (4L * done / total);
                progress.message(String.format("suggestions: %d/%d unlabelled images scored (%d%%)", done, total,
                        100L * done / total));
            }
        });
        Scored labeled = scorer.score(data.split(Split.LABELED), done -> { });
        int clusters = Math.min(MAX_CLUSTERS, labeled.size() + Math.min(ROUND, total));
        progress.message(String.format("suggestions: clustering %d representations into %d clusters",
                labeled.size() + total, clusters));
        Suggestions suggestions = rank(data.classes(), data.names(Split.UNLABELED), scored, labeled, clusters,
                config.seed());
        progress.message(String.format("suggestions: %d strategies ranked in %.0f s", suggestions.rankings().size(),
                (System.nanoTime() - started) / 1e9));
        return Optional.of(suggestions);
    }

    /** Every strategy's ranking of the unlabelled images, from their scores and the labelled ones' representations. */
    static Suggestions rank(List<String> classes, List<String> names, Scored unlabeled, Scored labeled, int clusters,
                            long seed) {
        int n = unlabeled.size();
        double[][] points = new double[labeled.size() + n][];
        System.arraycopy(labeled.representations(), 0, points, 0, labeled.size());
        System.arraycopy(unlabeled.representations(), 0, points, labeled.size(), n);
        Clusters partition = Clusters.kMeans(points, clusters, seed);
        Typiclust typiclust = new Typiclust(partition, points, labeled.size(), DEPTH);

        Map<Strategy, double[]> scores = new EnumMap<>(Strategy.class);
        for (Strategy strategy : List.of(Strategy.LEAST_CONFIDENCE, Strategy.MARGIN, Strategy.ENTROPY,
                Strategy.MARGIN_CLUSTER)) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = Uncertainty.score(strategy, unlabeled.probabilities()[i]);
            }
            scores.put(strategy, s);
        }
        scores.put(Strategy.TYPICLUST, typiclust.typicality());

        Map<Strategy, List<Integer>> rankings = new EnumMap<>(Strategy.class);
        rankings.put(Strategy.RANDOM, shuffled(n, seed));
        for (Strategy strategy : List.of(Strategy.LEAST_CONFIDENCE, Strategy.MARGIN, Strategy.ENTROPY)) {
            rankings.put(strategy, byScore(scores.get(strategy), DEPTH));
        }
        rankings.put(Strategy.TYPICLUST, typiclust.ranking());
        int[] clusterOf = IntStream.range(0, n).map(i -> partition.of(labeled.size() + i)).toArray();
        rankings.put(Strategy.MARGIN_CLUSTER, marginCluster(scores.get(Strategy.MARGIN), clusterOf));
        return compact(classes, names, unlabeled, scores, clusterOf, rankings);
    }

    /**
     * Cluster-Margin (Citovsky et al. 2021): the {@link #UNCERTAIN_POOL} x round most uncertain images by margin,
     * grouped by cluster; clusters visited smallest first, one image (the most uncertain left) from each per pass,
     * then the rest of the margin ranking.
     */
    static List<Integer> marginCluster(double[] margin, int[] clusterOf) {
        List<Integer> byMargin = byScore(margin, margin.length);
        List<Integer> pool = byMargin.subList(0, Math.min(byMargin.size(), UNCERTAIN_POOL * ROUND));
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int image : pool) {
            groups.computeIfAbsent(clusterOf[image], c -> new ArrayList<>()).add(image);
        }
        List<List<Integer>> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingInt(List::size));
        List<Integer> ranking = new ArrayList<>(Math.min(DEPTH, margin.length));
        for (int pass = 0; ranking.size() < Math.min(DEPTH, pool.size()); pass++) {
            for (List<Integer> group : ordered) {
                if (pass < group.size() && ranking.size() < DEPTH) {
                    ranking.add(group.get(pass));
                }
            }
        }
        for (int image : byMargin.subList(pool.size(), byMargin.size())) {
            if (ranking.size() == DEPTH) {
                break;
            }
            ranking.add(image);
        }
        return ranking;
    }

    /** Highest score first, ties by position; the first {@code depth}. */
    static List<Integer> byScore(double[] score, int depth) {
        return IntStream.range(0, score.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i))
                .limit(depth)
                .toList();
    }

    private static List<Integer> shuffled(int n, long seed) {
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return IntStream.of(order).limit(DEPTH).boxed().toList();
    }

    /** Keeps only the images some ranking names, and renumbers the rankings into that list. */
    private static Suggestions compact(List<String> classes, List<String> names, Scored unlabeled,
                                       Map<Strategy, double[]> scores, int[] clusterOf,
                                       Map<Strategy, List<Integer>> rankings) {
        Map<Integer, Integer> kept = new LinkedHashMap<>();
        rankings.values().forEach(r -> r.forEach(i -> kept.putIfAbsent(i, kept.size())));
        List<Suggestions.ScoredImage> images = new ArrayList<>(kept.size());
        for (int image : kept.keySet()) {
            Map<Strategy, Double> own = new EnumMap<>(Strategy.class);
            scores.forEach((strategy, s) -> own.put(strategy, s[image]));
            images.add(new Suggestions.ScoredImage(names.get(image), guesses(classes, unlabeled.probabilities()[image]),
                    own, clusterOf[image]));
        }
        Map<Strategy, List<Integer>> renumbered = new EnumMap<>(Strategy.class);
        rankings.forEach((strategy, r) -> renumbered.put(strategy, r.stream().map(kept::get).toList()));
        return new Suggestions(Suggestions.SCHEMA_VERSION, classes, images, renumbered);
    }

    private static List<Suggestions.Guess> guesses(List<String> classes, float[] p) {
        return IntStream.range(0, p.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -p[c]))
                .limit(GUESSES)
                .map(c -> new Suggestions.Guess(classes.get(c), p[c]))
                .toList();
    }
}
