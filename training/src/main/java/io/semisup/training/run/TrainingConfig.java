package io.semisup.training.run;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.semisup.contracts.job.Method;
import io.semisup.training.data.LabeledView;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Stem;

import java.time.Duration;
import java.util.List;

/**
 * Everything that decides what a run learns. Defaults follow the original study (MobileNetV1, 128x128, representation
 * and projection 128) with CPU-friendly choices where the study was silent.
 *
 * @param epochs           upper bound on epochs of the main phase (early stopping and the time budget may end it sooner)
 * @param pretrainEpochs   contrastive epochs before fine-tuning ({@code simclr-finetune}) or before the GAN
 *                         ({@code sgan-pretrained}); 0 means none
 * @param batchSize        images per step (each gives two views in contrastive methods)
 * @param labeledFraction  share of each semi-supervised batch drawn from the labelled images (default: a quarter for
 *                         {@code simclr}, half for the GAN methods, whose steps are costly: equal labelled and
 *                         unlabelled batches as in Salimans et al. 2016; and half for {@code fixmatch}, μ = 1)
 * @param imageSize        the model's input side in pixels
 * @param widthMultiplier  α, the encoder's width multiplier
 * @param representation   width of the representation layer after global pooling
 * @param projection       width of the contrastive projection head's output
 * @param temperature      NT-Xent τ
 * @param learningRate     peak learning rate (after warm-up)
 * @param warmupEpochs     linear warm-up length, then cosine decay to zero over the phase
 * @param optimizer        ADAM or SGD (Nesterov momentum 0.9)
 * @param weightDecay      L2 on weights
 * @param linearProbe      {@code simclr}: the classifier head learns on frozen features instead of moving the encoder
 * @param patience         epochs without a better validation accuracy before stopping (0: never stop early)
 * @param timeBudget       wall-clock budget for the whole run (null: none); the run stops after the epoch that uses it up
 * @param seed             seeds weights, sampling and augmentation: the same seed gives the same run on the CPU
 * @param workers          augmentation threads (0: available processors)
 * @param generatorLearningRate SGAN: the generator's Adam learning rate (constant; the discriminator uses
 *                         {@code learningRate} with the usual warm-up and cosine decay)
 * @param noiseSize        SGAN: length of the generator's Gaussian noise vector
 * @param featureMatching  SGAN: the generator matches the discriminator's mean features on real images (Salimans et
 *                         al. 2016) instead of maximising log D(G(z))
 * @param sampleEpochs     SGAN: epochs (1-based, of the GAN phase) after which a grid of generated images is drawn;
 *                         one is always drawn when the phase ends
 * @param stem             how early MobileNetV1 downsamples: {@link Stem#SMALL} keeps the resolution of small inputs
 *                         (the default up to {@link Stem#SMALL_UP_TO} pixels), {@link Stem#STANDARD} is ImageNet's
 * @param confidenceThreshold FixMatch: τ, the confidence above which a weak view's prediction becomes a pseudo-label
 * @param unlabeledWeight  FixMatch: λ, the weight of the pseudo-labelled loss against the labelled one
 * @param adaptiveThreshold FixMatch: per-class thresholds that grow with how well each class is learned (FlexMatch's
 *                         curriculum pseudo-labelling) instead of τ for every class
 * @param distributionAlignment FixMatch: align each prediction to the labelled images' class frequencies before
 *                         thresholding (ReMixMatch's distribution alignment)
 * @param softWeighting    FixMatch: weight every pseudo-label by its confidence (SoftMatch) instead of thresholding
 * @param emaDecay         decay of the exponential moving average of the weights that classifier phases evaluate,
 *                         checkpoint and export (0: the live weights)
 * @param encoder          the network under the heads: {@link Encoder#CONVNET} up to {@link Encoder#CONVNET_UP_TO}
 *                         pixels, {@link Encoder#MOBILENET_V1} above
 * @param labeledView      how labelled images are augmented for the classifier's loss: {@link LabeledView#STRONG}
 *                         for {@code supervised} and {@code fixmatch}, {@link LabeledView#WEAK} for the others
 */
public record TrainingConfig(
        Method method,
        int epochs,
        int pretrainEpochs,
        int batchSize,
        double labeledFraction,
        int imageSize,
        double widthMultiplier,
        int representation,
        int projection,
        double temperature,
        double learningRate,
        double warmupEpochs,
        Optimizer optimizer,
        double weightDecay,
        boolean linearProbe,
        int patience,
        Duration timeBudget,
        long seed,
        int workers,
        double generatorLearningRate,
        int noiseSize,
        boolean featureMatching,
        List<Integer> sampleEpochs,
        Stem stem,
        double confidenceThreshold,
        double unlabeledWeight,
        boolean adaptiveThreshold,
        // Absent from configurations saved before it existed (job records, reports): read as off.
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean distributionAlignment,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean softWeighting,
        double emaDecay,
        Encoder encoder,
        LabeledView labeledView) {

    public enum Optimizer { ADAM, SGD }

    public TrainingConfig {
        require(epochs >= 1, "epochs must be at least 1");
        require(pretrainEpochs >= 0, "pretrainEpochs must not be negative");
        require(batchSize >= 2, "batchSize must be at least 2");
        require(labeledFraction > 0 && labeledFraction < 1, "labeledFraction must lie in (0, 1)");
        require(imageSize >= 8, "imageSize must be at least 8");
        require(widthMultiplier > 0, "widthMultiplier must be positive");
        require(representation >= 1 && projection >= 1, "representation and projection must be positive");
        require(temperature > 0, "temperature must be positive");
        require(learningRate > 0, "learningRate must be positive");
        require(warmupEpochs >= 0, "warmupEpochs must not be negative");
        require(patience >= 0, "patience must not be negative");
        require(workers >= 0, "workers must not be negative");
        require(emaDecay >= 0 && emaDecay < 1, "emaDecay must lie in [0, 1)");
        sampleEpochs = sampleEpochs == null ? List.of() : List.copyOf(sampleEpochs);
        // Reports written before the stem was chosen had the standard one.
        stem = stem == null ? Stem.STANDARD : stem;
        // ... and before the encoder was chosen, MobileNetV1.
        encoder = encoder == null ? Encoder.MOBILENET_V1 : encoder;
        // ... and before the labelled view was chosen, the weak one.
        labeledView = labeledView == null ? LabeledView.WEAK : labeledView;
        if (method == Method.FIXMATCH) {
            require(confidenceThreshold > 0 && confidenceThreshold < 1, "confidenceThreshold must lie in (0, 1)");
            require(unlabeledWeight >= 0, "unlabeledWeight must not be negative");
            require(!(softWeighting && adaptiveThreshold), "softWeighting replaces thresholds: not with adaptiveThreshold");
        }
        // Checked for GAN methods only: reports of other runs written before these fields existed still read back.
        if (method == Method.SGAN || method == Method.SGAN_PRETRAINED) {
            require(generatorLearningRate > 0, "generatorLearningRate must be positive");
            require(noiseSize >= 1, "noiseSize must be at least 1");
            require(sampleEpochs.stream().allMatch(e -> e >= 1), "sampleEpochs must be at least 1");
        }
    }

    public static Builder builder(Method method) {
        return new Builder(method);
    }

    public Builder toBuilder() {
        Builder b = new Builder(method);
        b.epochs = epochs;
        b.pretrainEpochs = pretrainEpochs;
        b.batchSize = batchSize;
        b.labeledFraction = labeledFraction;
        b.imageSize = imageSize;
        b.widthMultiplier = widthMultiplier;
        b.representation = representation;
        b.projection = projection;
        b.temperature = temperature;
        b.learningRate = learningRate;
        b.warmupEpochs = warmupEpochs;
        b.optimizer = optimizer;
        b.weightDecay = weightDecay;
        b.linearProbe = linearProbe;
        b.patience = patience;
        b.timeBudget = timeBudget;
        b.seed = seed;
        b.workers = workers;
        b.generatorLearningRate = generatorLearningRate;
        b.noiseSize = noiseSize;
        b.featureMatching = featureMatching;
        b.sampleEpochs = sampleEpochs;
        b.stem = stem;
        b.encoder = encoder;
        b.confidenceThreshold = confidenceThreshold;
        b.unlabeledWeight = unlabeledWeight;
        b.adaptiveThreshold = adaptiveThreshold;
        b.distributionAlignment = distributionAlignment;
        b.softWeighting = softWeighting;
        b.emaDecay = emaDecay;
        b.labeledView = labeledView;
        return b;
    }

    /** Starts from the defaults; set what differs. */
    public static final class Builder {
        private final Method method;
        private int epochs = 100;
        private int pretrainEpochs;
        private int batchSize = 64;
        private double labeledFraction;
        private int imageSize = 128;
        private double widthMultiplier = 1.0;
        private int representation = 128;
        private int projection = 128;
        private double temperature = 0.5;
        private double learningRate = 1e-3;
        private double warmupEpochs = 2;
        private Optimizer optimizer = Optimizer.ADAM;
        private double weightDecay = 1e-5;
        private boolean linearProbe;
        private int patience = 20;
        private Duration timeBudget;
        private long seed = 42;
        private int workers;
        private double generatorLearningRate = 2e-4;
        private int noiseSize = 100;
        private boolean featureMatching = true;
        private List<Integer> sampleEpochs = List.of(5);
        private Stem stem;
        private Encoder encoder;
        private double confidenceThreshold = 0.95;
        private double unlabeledWeight = 1.0;
        // Off by default: on cifar10-ssl its thresholds stayed near 0 (20,000 images, few of them seen confidently
        // within minutes), every prediction of an untrained network counted, and it collapsed to one class.
        private boolean adaptiveThreshold;
        // FixMatch's default is SoftMatch with alignment from a briefly pretrained encoder (below). Alignment alone,
        // on a threshold, gave nothing (cifar10-ssl, 20 minutes, seed 1: 49.2% with it against 50.8% without).
        private boolean distributionAlignment;
        // null: on for FixMatch unless FlexMatch's thresholds were asked for (they are the alternative to it).
        private Boolean softWeighting;
        private double emaDecay = 0.999;
        private LabeledView labeledView;

        private Builder(Method method) {
            this.method = method;
            this.pretrainEpochs = method == Method.SIMCLR_FINETUNE || method == Method.SGAN_PRETRAINED ? 50 : 0;
            this.labeledFraction = method == Method.SGAN || method == Method.SGAN_PRETRAINED ? 0.5 : 0.25;
            if (method == Method.FIXMATCH) {
                // Sohn et al.'s recipe (SGD with Nesterov momentum, weight decay 5e-4, lr 0.03), with as many
                // unlabelled as labelled images a step (μ = 1: 32 + 32): in a CPU budget more steps beat a larger μ
                // (measured: 28.6% against 21.6% with μ = 3 in 5 minutes on cifar10-ssl).
                this.batchSize = 64;
                this.labeledFraction = 0.5;
                this.optimizer = Optimizer.SGD;
                this.learningRate = 0.03;
                this.weightDecay = 5e-4;
                this.warmupEpochs = 0;
                // SoftMatch with distribution alignment, from an encoder pretrained contrastively for 2 epochs (at
                // most 30% of a time budget): on cifar10-ssl in 20 minutes 52.0% and 51.5% against the threshold's
                // 49.3% and 49.2% from scratch, and 40.8% and 39.5% for supervised (seeds 1 and 2; README, Quality).
                this.pretrainEpochs = 2;
                this.distributionAlignment = true;
            }
        }

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder pretrainEpochs(int v) { pretrainEpochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder labeledFraction(double v) { labeledFraction = v; return this; }
        public Builder imageSize(int v) { imageSize = v; return this; }
        public Builder widthMultiplier(double v) { widthMultiplier = v; return this; }
        public Builder representation(int v) { representation = v; return this; }
        public Builder projection(int v) { projection = v; return this; }
        public Builder temperature(double v) { temperature = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder warmupEpochs(double v) { warmupEpochs = v; return this; }
        public Builder optimizer(Optimizer v) { optimizer = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder linearProbe(boolean v) { linearProbe = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder timeBudget(Duration v) { timeBudget = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        public Builder generatorLearningRate(double v) { generatorLearningRate = v; return this; }
        public Builder noiseSize(int v) { noiseSize = v; return this; }
        public Builder featureMatching(boolean v) { featureMatching = v; return this; }
        public Builder sampleEpochs(List<Integer> v) { sampleEpochs = v; return this; }
        /** null: {@link Stem#forSize} of the image size. */
        public Builder stem(Stem v) { stem = v; return this; }
        /** null: MobileNetV1 when a stem was chosen (only it has one), else {@link Encoder#forSize} of the image size. */
        public Builder encoder(Encoder v) { encoder = v; return this; }
        public Builder confidenceThreshold(double v) { confidenceThreshold = v; return this; }
        public Builder unlabeledWeight(double v) { unlabeledWeight = v; return this; }
        public Builder adaptiveThreshold(boolean v) { adaptiveThreshold = v; return this; }
        public Builder distributionAlignment(boolean v) { distributionAlignment = v; return this; }
        public Builder softWeighting(boolean v) { softWeighting = v; return this; }
        public Builder emaDecay(double v) { emaDecay = v; return this; }
        /** null: {@link LabeledView#STRONG} for {@code supervised} and {@code fixmatch}, else {@link LabeledView#WEAK}. */
        public Builder labeledView(LabeledView v) { labeledView = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(method, epochs, pretrainEpochs, batchSize, labeledFraction, imageSize,
                    widthMultiplier, representation, projection, temperature, learningRate, warmupEpochs, optimizer,
                    weightDecay, linearProbe, patience, timeBudget, seed, workers, generatorLearningRate, noiseSize,
                    featureMatching, sampleEpochs, stem != null ? stem : Stem.forSize(imageSize), confidenceThreshold,
                    unlabeledWeight, adaptiveThreshold, distributionAlignment,
                    softWeighting != null ? softWeighting : method == Method.FIXMATCH && !adaptiveThreshold, emaDecay,
                    encoder != null ? encoder
                    : stem != null ? Encoder.MOBILENET_V1 : Encoder.forSize(imageSize),
                    labeledView != null ? labeledView : defaultLabeledView(method));
        }
    }

    /**
     * Strong views for supervised training and FixMatch's labelled rows: with 20 labels per class the weak views are
     * memorised within a minute (cifar10-ssl, means of two seeds: supervised 48.0% against 41.1% in 8 minutes,
     * FixMatch 56.55% against 52.2% in 20; README, Quality). The other methods keep the weak view until measured
     * otherwise.
     */
    private static LabeledView defaultLabeledView(Method method) {
        return method == Method.SUPERVISED || method == Method.FIXMATCH ? LabeledView.STRONG : LabeledView.WEAK;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
