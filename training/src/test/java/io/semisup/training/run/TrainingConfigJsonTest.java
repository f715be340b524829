package io.semisup.training.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.training.data.LabeledView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Configurations are stored (job records, reports): they must read back, also when saved by an older version. */
class TrainingConfigJsonTest {

    @Test
    void roundTripsThroughTheStoredForm() throws Exception {
        TrainingConfig config = TrainingConfig.builder(Method.FIXMATCH).build();
        String json = MessageCodec.mapper().writeValueAsString(config);
        assertEquals(config, MessageCodec.mapper().readValue(json, TrainingConfig.class));
    }

    @Test
    void aConfigurationSavedBeforeAlignmentAndSoftWeightingExistedReadsWithThemOff() throws Exception {
        ObjectNode saved = MessageCodec.mapper().valueToTree(TrainingConfig.builder(Method.FIXMATCH).build());
        saved.remove("distributionAlignment");
        saved.remove("softWeighting");
        TrainingConfig config = MessageCodec.mapper().treeToValue(saved, TrainingConfig.class);
        assertFalse(config.distributionAlignment());
        assertFalse(config.softWeighting());
    }

    @Test
    void aConfigurationSavedBeforeTheLabelledViewWasChosenReadsWithTheWeakView() throws Exception {
        ObjectNode saved = MessageCodec.mapper().valueToTree(TrainingConfig.builder(Method.SUPERVISED).build());
        assertEquals("STRONG", saved.get("labeledView").asText());
        saved.remove("labeledView");
        assertEquals(LabeledView.WEAK, MessageCodec.mapper().treeToValue(saved, TrainingConfig.class).labeledView());
    }
}
