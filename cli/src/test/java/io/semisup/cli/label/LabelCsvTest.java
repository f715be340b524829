package io.semisup.cli.label;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelCsvTest {

    @Test
    void whatSuggestWritesAPersonFillsInAndLabelReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.csv");
        LabelCsv.write(file, List.of(
                new String[]{"image", "class", "file", "guess", "probability"},
                new String[]{"id-1", "", "001-a.png", "Buffle, d'Afrique", "0.500"},
                new String[]{"id-2", "", "002-b.png", "cat", "0.400"}));
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(1).contains("\"Buffle, d'Afrique\""), lines.get(1));

        // A person fills in the first row only.
        Files.write(file, List.of(lines.get(0), lines.get(1).replaceFirst("id-1,,", "id-1,\"Zèbre, des plaines\","),
                lines.get(2)));
        assertEquals(List.of(new LabelCsv.Row(2, "id-1", "Zèbre, des plaines")), LabelCsv.read(file));
    }

    @Test
    void withoutAHeaderTheFirstTwoColumnsAreImageAndClass(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("answers.csv");
        Files.write(file, List.of("0001.jpg, cat", "", "0002.jpg,dog", "0003.jpg"));

        assertEquals(List.of(new LabelCsv.Row(1, "0001.jpg", "cat"), new LabelCsv.Row(3, "0002.jpg", "dog")),
                LabelCsv.read(file));
    }

    @Test
    void aHeaderMayPutTheColumnsAnywhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.csv");
        Files.write(file, List.of("class,note,Image", "dog,,0002.jpg"));

        assertEquals(List.of(new LabelCsv.Row(2, "0002.jpg", "dog")), LabelCsv.read(file));
    }

    @Test
    void aClassWithoutAnImageIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.csv");
        Files.write(file, List.of("image,class", ",cat"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelCsv.read(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
