package io.semisup.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    @Test
    void figuresReadAsPeopleWriteThem() {
        assertEquals("42.1%", Formats.percent(0.4213));
        assertEquals("", Formats.percent(null));
        assertEquals("12 min 34 s", Formats.minutes(754.2));
        assertEquals("7 s", Formats.minutes(7.2));
        assertEquals("79.5%", Formats.metric("testAccuracy", 0.795));
        assertEquals("1 min 0 s", Formats.metric("trainingSeconds", 60));
        assertEquals("553.9", Formats.metric("imagesPerSecond", 553.94));
        assertEquals("4afc49ed", Formats.shortId("4afc49ed-ac25-4663-b2bf-d2c0260ab376"));
        assertEquals("confusion matrix", Formats.caption("confusion-matrix.png"));
        assertEquals("mobilenet-v1", Formats.id("MOBILENET_V1"));
        assertEquals("2026-11-30 18:46 UTC", Formats.time("2026-11-30T18:46:54.726Z"));
        assertEquals("yesterday", Formats.time("yesterday"));
    }
}
