package io.semisup.cli.label;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A labels file: one image per row, the image (its id, or the name it was uploaded under) and its class. A first row
 * naming the columns {@code image} and {@code class} may put them anywhere (as {@code semisup suggest} writes them);
 * without one they are the first two columns. Rows with an empty class are skipped: not labelled yet.
 */
final class LabelCsv {

    record Row(int line, String image, String className) {
    }

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES);

    private LabelCsv() {
    }

    static List<Row> read(Path file) throws IOException {
        List<String[]> rows;
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(file.toFile())) {
            rows = it.readAll();
        }
        int image = 0;
        int className = 1;
        int first = 0;
        if (!rows.isEmpty()) {
            List<String> header = Arrays.stream(rows.get(0)).map(h -> h.toLowerCase(Locale.ROOT)).toList();
            if (header.contains("image") && header.contains("class")) {
                image = header.indexOf("image");
                className = header.indexOf("class");
                first = 1;
            }
        }
        List<Row> labels = new ArrayList<>();
        for (int i = first; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (Arrays.stream(row).allMatch(String::isBlank)) {
                continue;
            }
            if (row.length <= Math.max(image, className)) {
                if (row.length > image && !row[image].isBlank() && row.length <= className) {
                    continue; // a row nobody has given a class yet
                }
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected an image and its class, got "
                        + String.join(",", row));
            }
            if (row[className].isBlank()) {
                continue;
            }
            if (row[image].isBlank()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": class " + row[className]
                        + " for no image");
            }
            labels.add(new Row(i + 1, row[image], row[className]));
        }
        return labels;
    }

    static void write(Path file, List<String[]> rows) throws IOException {
        try (SequenceWriter writer = CSV.writerFor(String[].class).with(CsvSchema.emptySchema())
                .writeValues(file.toFile())) {
            writer.writeAll(rows);
        }
    }
}
