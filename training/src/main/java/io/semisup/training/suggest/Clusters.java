package io.semisup.training.suggest;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.List;

/** A k-means++ partition of points (Commons Math), as each point's cluster index. */
final class Clusters {

    private static final int MAX_ITERATIONS = 30;

    private final int[] assignment;
    private final int count;

    private Clusters(int[] assignment, int count) {
        this.assignment = assignment;
        this.count = count;
    }

    static Clusters kMeans(double[][] points, int k, long seed) {
        if (points.length == 0) {
            return new Clusters(new int[0], 0);
        }
        int clusters = Math.max(1, Math.min(k, points.length));
        List<Point> wrapped = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) {
            wrapped.add(new Point(i, points[i]));
        }
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(seed);
        List<CentroidCluster<Point>> found = new KMeansPlusPlusClusterer<Point>(clusters, MAX_ITERATIONS,
                new EuclideanDistance(), random, KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_POINTS_NUMBER)
                .cluster(wrapped);
        int[] assignment = new int[points.length];
        for (int c = 0; c < found.size(); c++) {
            for (Point point : found.get(c).getPoints()) {
                assignment[point.index()] = c;
            }
        }
        return new Clusters(assignment, found.size());
    }

    int of(int point) {
        return assignment[point];
    }

    int count() {
        return count;
    }

    /** Point indices of each cluster. */
    List<List<Integer>> members() {
        List<List<Integer>> members = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < assignment.length; i++) {
            members.get(assignment[i]).add(i);
        }
        return members;
    }

    private record Point(int index, double[] getPoint) implements Clusterable {
    }
}
