package io.semisup.training.method;

import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/** Each method as its list of phases, and the classifier a finished run exports. */
public final class Methods {

    private Methods() {
    }

    public static List<Phase> phases(MethodContext context) {
        TrainingConfig c = context.config();
        return switch (c.method()) {
            case SUPERVISED -> List.of(new ClassifierPhase("supervised", context, c.epochs(), 1.0, false));
            case SIMCLR -> c.linearProbe()
                    // The classifier never moves the encoder: contrastive learning, then a probe on frozen features.
                    ? List.of(new ContrastivePhase(context, c.epochs(), 0.85),
                            new ClassifierPhase("probe", context, Math.max(5, c.epochs() / 4), 1.0, true))
                    : List.of(new JointPhase(context, c.epochs()));
            case SIMCLR_FINETUNE -> List.of(new ContrastivePhase(context, Math.max(1, c.pretrainEpochs()), 0.8),
                    new ClassifierPhase("fine-tune", context, c.epochs(), 1.0, false));
            case SGAN -> List.of(new SganPhase(context, c.epochs()));
            // SimCLR on all images first; the discriminator's encoder starts from it (shared layers copied by name).
            case SGAN_PRETRAINED -> List.of(new ContrastivePhase(context, Math.max(1, c.pretrainEpochs()), 0.4),
                    new SganPhase(context, c.epochs()));
            // With pretraining epochs, FixMatch starts from a contrastively pretrained encoder.
            case FIXMATCH -> c.pretrainEpochs() > 0
                    ? List.of(new ContrastivePhase(context, c.pretrainEpochs(), 0.3), new FixMatchPhase(context, c.epochs()))
                    : List.of(new FixMatchPhase(context, c.epochs()));
        };
    }

    /**
     * The trained network reduced to image → class probabilities (no projection head, nothing frozen; for the GAN,
     * the discriminator's K class logits under a softmax, without the implicit "fake" class).
     */
    public static ComputationGraph classifierOf(ComputationGraph trained, MethodContext context) {
        ComputationGraph classifier = Networks.build(context.config(), context.classes(), Heads.CLASSIFIER);
        Networks.copyShared(trained, classifier);
        return classifier;
    }
}
