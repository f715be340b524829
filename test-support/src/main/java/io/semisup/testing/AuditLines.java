package io.semisup.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines a service writes to a log category (the audit log's) while this is open, formatted as they are logged:
 * Quarkus routes JBoss Logging through java.util.logging, so a handler on the category sees every line.
 */
public final class AuditLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger audit;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public AuditLines(String category) {
        audit = Logger.getLogger(category);
        audit.addHandler(capture);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        audit.removeHandler(capture);
    }
}
