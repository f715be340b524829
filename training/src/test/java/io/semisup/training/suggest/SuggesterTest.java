package io.semisup.training.suggest;

import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each strategy orders constructed cases as its definition says. */
class SuggesterTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    @Test
    void uncertaintyStrategiesPutTheUnsureBeforeTheSure() {
        float[] sure = {0.90f, 0.06f, 0.04f};
        float[] twoWay = {0.50f, 0.46f, 0.04f};
        float[] uniform = {0.34f, 0.33f, 0.33f};
        float[] leaning = {0.60f, 0.20f, 0.20f};
        Suggestions s = rank(List.of(sure, twoWay, uniform, leaning), line(4), line(3), 2);

        // margin: gaps 0.84, 0.04, 0.01, 0.40
        assertEquals(List.of("uniform", "twoWay", "leaning", "sure"), names(s, Strategy.MARGIN));
        // least confidence: 1 - top = 0.10, 0.50, 0.66, 0.40
        assertEquals(List.of("uniform", "twoWay", "leaning", "sure"),
                names(s, Strategy.LEAST_CONFIDENCE));
        // entropy: the uniform prediction most, the sure one least; the leaning one (0.95 nats) above the
        // two-way one (0.85 nats) although its margin is wider
        assertEquals(List.of("uniform", "leaning", "twoWay", "sure"), names(s, Strategy.ENTROPY));
        assertEquals(1 - 0.01, s.images().get(s.rankings().get(Strategy.MARGIN).get(0)).scores().get(Strategy.MARGIN),
                1e-6);
    }

    @Test
    void typiclustCoversTheLargestUnlabelledClusterFirstWithItsMostTypicalImage() {
        Random random = new Random(3);
        List<double[]> labeled = new ArrayList<>();
        List<double[]> unlabeled = new ArrayList<>();
        labeled.add(point(10, 0, 0, random));
        blob(unlabeled, 30, 10, 0, random);  // images 0..29: the labelled image's cluster
        blob(unlabeled, 20, 0, 10, random);  // images 30..49: the largest cluster without a label
        blob(unlabeled, 10, -10, 0, random); // images 50..59
        Clusters clusters = Clusters.kMeans(concat(labeled, unlabeled), 3, 1);
        Typiclust typiclust = new Typiclust(clusters, concat(labeled, unlabeled), 1, 60);
        List<Integer> ranking = typiclust.ranking();

        assertTrue(ranking.get(0) >= 30 && ranking.get(0) < 50, "first pick " + ranking.get(0));
        assertTrue(ranking.get(1) >= 50, "second pick " + ranking.get(1));
        assertTrue(ranking.get(2) < 30, "third pick " + ranking.get(2)
                + ": every cluster has one label, the largest is next");
        double[] typicality = typiclust.typicality();
        for (int i = 30; i < 50; i++) {
            assertTrue(typicality[ranking.get(0)] >= typicality[i], "image " + i + " is more typical than the pick");
        }
        assertEquals(60, ranking.stream().distinct().count());
    }

    @Test
    void typicalityIsHighestAtTheDenseCentre() {
        double[][] points = {{0, 0}, {0.1, 0}, {0, 0.1}, {-0.1, 0}, {0, -0.1}, {3, 3}};
        double[] t = Typiclust.typicality(List.of(0, 1, 2, 3, 4, 5), points);
        for (int i = 1; i < points.length; i++) {
            assertTrue(t[0] > t[i], "the centre is less typical than point " + i);
        }
        assertTrue(t[5] < t[1]);
    }

    @Test
    void marginClusterTakesTheMostUncertainOfEachClusterInTurn() {
        // Images 0..5 in cluster 0 are the most uncertain; 6 and 7 form cluster 1 and 8 cluster 2.
        double[] margin = {0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.90, 0.80, 0.50};
        int[] clusterOf = {0, 0, 0, 0, 0, 0, 1, 1, 2};
        List<Integer> ranking = Suggester.marginCluster(margin, clusterOf);

        // Smallest cluster first, each cluster's most uncertain image per pass.
        assertEquals(List.of(8, 6, 0, 7, 1, 2, 3, 4, 5), ranking);
    }

    @Test
    void randomIsASeededShuffleOfEveryImage() {
        List<float[]> p = IntStream.range(0, 50).mapToObj(i -> new float[]{0.5f, 0.3f, 0.2f}).toList();
        Suggestions a = rank(p, line(50), line(3), 1);
        Suggestions b = rank(p, line(50), line(3), 1);
        List<Integer> ranking = a.rankings().get(Strategy.RANDOM).stream()
                .map(i -> Integer.parseInt(a.images().get(i).imageId())).toList();

        assertEquals(50, ranking.stream().distinct().count());
        assertNotEquals(IntStream.range(0, 50).boxed().toList(), ranking, "not shuffled");
        assertEquals(a, b);
    }

    private static Suggestions rank(List<float[]> probabilities, double[][] unlabeled, double[][] labeled,
                                    int clusters) {
        List<String> names = IntStream.range(0, probabilities.size()).mapToObj(Integer::toString).toList();
        float[][] labeledP = new float[labeled.length][];
        for (int i = 0; i < labeled.length; i++) {
            labeledP[i] = new float[]{1, 0, 0};
        }
        return Suggester.rank(CLASSES, names, new Scored(probabilities.toArray(float[][]::new), unlabeled),
                new Scored(labeledP, labeled), clusters, 42);
    }

    /** A strategy's ranking of the four predictions of the uncertainty test, by their names there. */
    private static List<String> names(Suggestions s, Strategy strategy) {
        List<String> names = List.of("sure", "twoWay", "uniform", "leaning");
        return s.rankings().get(strategy).stream()
                .map(i -> names.get(Integer.parseInt(s.images().get(i).imageId()))).toList();
    }

    /** n points along a line: representations that do not matter to the uncertainty strategies. */
    private static double[][] line(int n) {
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new double[]{i, 0};
        }
        return points;
    }

    private static void blob(List<double[]> into, int n, double x, double y, Random random) {
        for (int i = 0; i < n; i++) {
            into.add(point(x, y, 1, random));
        }
    }

    private static double[] point(double x, double y, double spread, Random random) {
        return new double[]{x + spread * random.nextGaussian(), y + spread * random.nextGaussian()};
    }

    private static double[][] concat(List<double[]> a, List<double[]> b) {
        List<double[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(double[][]::new);
    }
}
