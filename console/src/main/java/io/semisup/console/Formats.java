package io.semisup.console;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How the pages write figures: {@code {fmt:percent(x)}}, {@code {fmt:shortId(id)}}, {@code {fmt:caption(file)}}, {@code {fmt:minutes(seconds)}}, {@code {fmt:time(instant)}},
 * {@code {fmt:metric(name, value)}},
 * {@code {fmt:id(name)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A fraction as a percentage with one decimal: 0.4213 → "42.1%". */
    static String percent(Object fraction) {
        return fraction instanceof Number n ? String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100) : "";
    }

    /** The first 8 characters of an id, as people quote a job. */
    static String shortId(Object id) {
        String text = String.valueOf(id);
        return text.length() > 8 ? text.substring(0, 8) : text;
    }

    /** A chart's file name as words: "confusion-matrix.png" → "confusion matrix". */
    static String caption(Object file) {
        return String.valueOf(file).replaceFirst("\\.png$", "").replace('-', ' ').replace('_', ' ');
    }

    /** Seconds as minutes and seconds: 754.2 → "12 min 34 s". */
    static String minutes(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "";
        }
        long whole = Math.round(n.doubleValue());
        return whole >= 60 ? (whole / 60) + " min " + (whole % 60) + " s" : whole + " s";
    }

    /** An instant as people read it, to the minute, in UTC: "2026-11-30 18:46 UTC". */
    static String time(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return TIME.format(Instant.parse(String.valueOf(instant)));
        } catch (DateTimeParseException e) {
            return String.valueOf(instant);
        }
    }

    /** A job's result by its name: accuracies in percent, times in minutes, other figures to one decimal. */
    static String metric(Object name, Object value) {
        String key = String.valueOf(name);
        if (key.endsWith("Accuracy")) {
            return percent(value);
        }
        if (key.endsWith("Seconds")) {
            return minutes(value);
        }
        return value instanceof Number n ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : String.valueOf(value);
    }

    /** An engine enum as the API spells it: MOBILENET_V1 → "mobilenet-v1". */
    static String id(Object name) {
        return String.valueOf(name).toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
