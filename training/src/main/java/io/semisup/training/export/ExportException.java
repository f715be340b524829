package io.semisup.training.export;

/** A network the exporter cannot translate faithfully: refused at export time, never served wrong. */
public class ExportException extends IllegalArgumentException {

    public ExportException(String message) {
        super(message);
    }
}
