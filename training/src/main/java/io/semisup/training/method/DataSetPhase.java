package io.semisup.training.method;

import io.semisup.training.data.HostBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A phase whose step is one {@code fit} of its graph on the batch as a data set. */
abstract class DataSetPhase extends BasePhase {

    DataSetPhase(String name, MethodContext context, int epochs, double budgetShare) {
        super(name, context, epochs, budgetShare);
    }

    /** The batch as the graph's inputs and labels. */
    protected abstract MultiDataSet toDataSet(HostBatch batch);

    /** Losses: "total", and per head where the graph has several. */
    @Override
    public Map<String, Double> fit(ComputationGraph graph, HostBatch batch) {
        graph.fit(toDataSet(batch));
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("total", graph.score());
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        if (outputs.size() > 1) {
            for (String output : outputs) {
                losses.put(output, graph.getLayer(output).score());
            }
        }
        return losses;
    }
}
