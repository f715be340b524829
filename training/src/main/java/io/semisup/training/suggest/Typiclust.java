package io.semisup.training.suggest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * TypiClust (Hacohen, Dekel and Weinshall, ICML 2022, "Active learning on a budget"): cluster the representations of
 * labelled and unlabelled images into as many clusters as there will be labels after the round, then, one pick at a
 * time, take the cluster with the fewest labels (the larger on a tie) and from it its most typical unlabelled image —
 * the one with the smallest mean distance to its nearest neighbours in the cluster. Picks after the round's budget
 * continue the same rule, so the ranking can be read as deep as a person labels.
 */
final class Typiclust {

    /** Neighbours that define an image's typicality (the paper's 20). */
    static final int NEIGHBOURS = 20;
    /** Clusters smaller than this are outliers, picked only once every larger cluster is used up (the paper's 5). */
    static final int MIN_CLUSTER = 5;

    private final double[] typicality;
    private final List<Integer> ranking;

    /**
     * @param clusters a partition of the points: the labelled ones (the first {@code labeled}), then the unlabelled
     * @param points   the same points' representations
     * @param labeled  how many of the points are labelled
     * @param depth    how many unlabelled images to rank
     */
    Typiclust(Clusters clusters, double[][] points, int labeled, int depth) {
        int unlabeled = points.length - labeled;
        this.typicality = new double[unlabeled];
        List<List<Integer>> members = clusters.members();
        int[] covered = new int[clusters.count()];
        List<List<Integer>> candidates = new ArrayList<>(clusters.count());
        for (List<Integer> cluster : members) {
            double[] t = typicality(cluster, points);
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < cluster.size(); i++) {
                int point = cluster.get(i);
                if (point < labeled) {
                    covered[clusters.of(point)]++;
                } else {
                    typicality[point - labeled] = t[i];
                    open.add(point - labeled);
                }
            }
            open.sort(Comparator.comparingDouble((Integer u) -> -typicality[u]).thenComparing(u -> u));
            candidates.add(open);
        }
        int[] next = new int[clusters.count()];
        List<Integer> picked = new ArrayList<>(Math.min(depth, unlabeled));
        while (picked.size() < Math.min(depth, unlabeled)) {
            int best = -1;
            for (int c = 0; c < clusters.count(); c++) {
                if (next[c] < candidates.get(c).size() && (best < 0 || before(c, best, members, covered))) {
                    best = c;
                }
            }
            picked.add(candidates.get(best).get(next[best]++));
            covered[best]++;
        }
        this.ranking = List.copyOf(picked);
    }

    /** Is cluster a a better next pick than b: a real cluster before an outlier one, fewer labels, then larger. */
    private static boolean before(int a, int b, List<List<Integer>> members, int[] covered) {
        boolean aReal = members.get(a).size() >= MIN_CLUSTER;
        boolean bReal = members.get(b).size() >= MIN_CLUSTER;
        if (aReal != bReal) {
            return aReal;
        }
        if (covered[a] != covered[b]) {
            return covered[a] < covered[b];
        }
        return members.get(a).size() > members.get(b).size();
    }

    /** 1 / (mean distance to the nearest {@link #NEIGHBOURS} others of the cluster); 0 for a lone point. */
    static double[] typicality(List<Integer> cluster, double[][] points) {
        int n = cluster.size();
        double[] result = new double[n];
        int k = Math.min(NEIGHBOURS, n - 1);
        if (k == 0) {
            return result;
        }
        double[] distances = new double[n - 1];
        for (int i = 0; i < n; i++) {
            double[] p = points[cluster.get(i)];
            int d = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    distances[d++] = distance(p, points[cluster.get(j)]);
                }
            }
            Arrays.sort(distances);
            double mean = 0;
            for (int j = 0; j < k; j++) {
                mean += distances[j] / k;
            }
            result[i] = 1 / (mean + 1e-12);
        }
        return result;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Typicality of each unlabelled image. */
    double[] typicality() {
        return typicality;
    }

    /** Unlabelled images, first to label first. */
    List<Integer> ranking() {
        return ranking;
    }
}
