package io.semisup.inference.serving;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model that serves requests. A swap installs an already loaded and warmed model in one atomic step; the old
 * one is retired and closes once the requests that leased it have finished.
 */
@ApplicationScoped
public class ActiveModel {

    private final AtomicReference<OnnxModel> current = new AtomicReference<>();

    /** A lease on the active model, to be closed when the request is done with it. */
    public Optional<Lease> lease() {
        while (true) {
            OnnxModel model = current.get();
            if (model == null) {
                return Optional.empty();
            }
            if (model.acquire()) {
                return Optional.of(new Lease(model));
            }
            // Retired between get() and acquire(): the next read sees its successor.
        }
    }

    public Optional<ModelMetadata> metadata() {
        OnnxModel model = current.get();
        return model == null ? Optional.empty() : Optional.of(model.metadata());
    }

    public Optional<String> provider() {
        OnnxModel model = current.get();
        return model == null ? Optional.empty() : Optional.of(model.provider());
    }

    /** The active session's ONNX Runtime intra-op threads (0: one per core). */
    public Optional<Integer> threads() {
        OnnxModel model = current.get();
        return model == null ? Optional.empty() : Optional.of(model.threads());
    }

    /** How many ONNX Runtime calls of the active model may run at once (1 without a model). */
    public int parallelCalls() {
        OnnxModel model = current.get();
        return model == null ? 1 : model.parallelCalls();
    }

    public void activate(OnnxModel model) {
        OnnxModel old = current.getAndSet(model);
        if (old != null) {
            old.release();
        }
    }

    public static final class Lease implements AutoCloseable {
        private final OnnxModel model;
        private boolean closed;

        private Lease(OnnxModel model) {
            this.model = model;
        }

        public OnnxModel model() {
            return model;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                model.release();
            }
        }
    }
}
