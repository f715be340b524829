package io.semisup.training.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What goes into each batch: which samples and which views. Every batch's randomness is derived from
 * (seed, epoch, batch index), so a resumed run sees exactly the batches the uninterrupted run would have seen.
 */
public final class Batches {

    private final Augmenter augmenter;
    private final long seed;

    public Batches(Augmenter augmenter, long seed) {
        this.augmenter = augmenter;
        this.seed = seed;
    }

    public Augmenter augmenter() {
        return augmenter;
    }

    /** A random source for one (epoch, batch, purpose); independent of threads and of earlier batches. */
    public SplittableRandom random(int epoch, int batch, int purpose) {
        long mixed = seed;
        mixed = mixed * 0x9E3779B97F4A7C15L + epoch;
        mixed = mixed * 0x9E3779B97F4A7C15L + batch;
        mixed = mixed * 0x9E3779B97F4A7C15L + purpose;
        return new SplittableRandom(mixed);
    }

    /** A permutation of 0..n-1 for an epoch: the order samples are visited in. */
    public int[] order(int n, int epoch, int purpose) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = random(epoch, -1, purpose);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** One view per sample with the given policy (classifier training). */
    public HostBatch single(List<Sample> samples, Augmenter.Policy policy, SplittableRandom random) {
        int volume = augmenter.volume();
        float[] images = new float[samples.size() * volume];
        int[] labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            augmenter.augment(samples.get(i).image(), policy, random, images, i * volume);
            labels[i] = samples.get(i).label();
        }
        return new HostBatch(images, labels, samples.size(), augmenter.size());
    }

    /** Two contrastive views per sample: rows i and i + n are the same image. */
    public HostBatch pairs(List<Sample> samples, SplittableRandom random) {
        int n = samples.size();
        int volume = augmenter.volume();
        float[] images = new float[2 * n * volume];
        int[] labels = new int[2 * n];
        Augmenter.Policy policy = Augmenter.Policy.contrastive();
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            augmenter.augment(s.image(), policy, random, images, i * volume);
            augmenter.augment(s.image(), policy, random, images, (i + n) * volume);
            labels[i] = labels[i + n] = s.label();
        }
        return new HostBatch(images, labels, 2 * n, augmenter.size());
    }

    /**
     * FixMatch's rows: the labelled samples' views ({@code labeledView}), then the unlabelled samples' strong views,
     * then their weak views (rows {@code l + i} and {@code l + u + i} are the same image; {@code sources} holds the unlabelled images'
     * indices in their pool for both).
     */
    public HostBatch weakAndStrong(List<Sample> labeled, LabeledView labeledView, List<Sample> unlabeled,
                                   int[] unlabeledIndices, SplittableRandom random) {
        int l = labeled.size();
        int u = unlabeled.size();
        int volume = augmenter.volume();
        float[] images = new float[(l + 2 * u) * volume];
        int[] labels = new int[l + 2 * u];
        int[] sources = new int[l + 2 * u];
        Augmenter.Policy labeledPolicy = labeledView.policy();
        for (int i = 0; i < l; i++) {
            augmenter.augment(labeled.get(i).image(), labeledPolicy, random, images, i * volume);
            labels[i] = labeled.get(i).label();
            sources[i] = -1;
        }
        for (int i = 0; i < u; i++) {
            Sample s = unlabeled.get(i);
            augmenter.augment(s.image(), Augmenter.Policy.strong(), random, images, (l + i) * volume);
            augmenter.augment(s.image(), Augmenter.Policy.weak(), random, images, (l + u + i) * volume);
            labels[l + i] = labels[l + u + i] = Sample.UNLABELED;
            sources[l + i] = sources[l + u + i] = unlabeledIndices[i];
        }
        return new HostBatch(images, labels, l + 2 * u, augmenter.size(), sources);
    }

    /** Evaluation views (centre crops), no randomness. */
    public HostBatch center(List<Sample> samples) {
        int volume = augmenter.volume();
        float[] images = new float[samples.size() * volume];
        int[] labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            augmenter.center(samples.get(i).image(), images, i * volume);
            labels[i] = samples.get(i).label();
        }
        return new HostBatch(images, labels, samples.size(), augmenter.size());
    }
}
