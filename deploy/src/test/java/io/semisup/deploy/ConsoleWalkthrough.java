package io.semisup.deploy;

import io.semisup.cli.dataset.ShapesDataset;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console as a person uses it, in a real browser against the running platform: sign in, upload an archive and
 * read its report, label images and see the counts change, submit a job and follow it live to its end, compare runs,
 * pin a model and classify an image, at a laptop's and a phone's width. Screenshots of each page land in
 * {@code target/console-screenshots/} (the README's come from there).
 */
final class ConsoleWalkthrough {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    private final ConsoleBrowser browser;
    private final String datasetId;
    private final Path work;

    ConsoleWalkthrough(ConsoleBrowser browser, String datasetId, Path work) {
        this.browser = browser;
        this.datasetId = datasetId;
        this.work = work;
    }

    void signIn(String adminKey) throws IOException {
        browser.open("/console/datasets");
        assertTrue(browser.url().contains("/console/login"), "a page without a key asks to sign in: " + browser.url());
        browser.find("#key").sendKeys("not-a-key");
        browser.find("form button[type=submit]").click();
        assertTrue(browser.text(".error").contains("not known"), "a wrong key is refused with the reason");
        browser.screenshot("sign-in");
        browser.find("#key").sendKeys(adminKey);
        browser.find("form button[type=submit]").click();
        browser.awaitText("h1", "Datasets", Duration.ofSeconds(20));
        assertTrue(browser.text("header").contains("(admin)"), "the header names the role");
        browser.screenshot("datasets");
    }

    /** An archive of new images and one broken file: the report counts them and says why the file was refused. */
    void uploadAnArchive() throws IOException {
        browser.open("/console/datasets/" + datasetId);
        int labelled = count("labeled");
        Path archive = archive();
        browser.find("form[data-upload] input[type=file]").sendKeys(archive.toString());
        String status = browser.awaitStatus("Done: ");
        assertTrue(status.startsWith("Done: 8 accepted, 0 duplicates, 1 refused"), status);
        assertTrue(browser.text("[data-refused]").contains("broken.png"), browser.text("[data-refused]"));
        awaitCount("labeled", labelled + 8);
        browser.js("document.querySelector('[data-report]').scrollIntoView({block: 'end'})");
        browser.screenshot("dataset");
    }

    /**
     * Three images labelled with the number keys (as the model guesses: the shapes are easy), one undone, two
     * submitted: the dataset counts them.
     */
    void labelAFewImages() throws IOException {
        browser.open("/console/datasets/" + datasetId);
        int labelled = count("labeled");
        browser.open("/console/datasets/" + datasetId + "/label");
        int sinceBefore = Integer.parseInt(browser.find("[data-label-progress]").getAttribute("data-new-labels"));
        List<String> classes = List.of(browser.find("form[data-label]").getAttribute("data-classes").split("\\|"));
        List<WebElement> tiles = browser.all(".tile");
        for (WebElement tile : tiles.subList(0, 3)) {
            String guess = tile.findElement(By.cssSelector(".guess")).getText().split(" ")[0];
            browser.press(String.valueOf(Math.max(0, classes.indexOf(guess)) + 1));
        }
        assertTrue(tiles.get(0).findElement(By.cssSelector("[data-given]")).getText().length() > 0);
        browser.press("u");
        assertEquals(2, browser.all(".tile.done").size(), "three given, one undone");
        assertEquals("Submit 2 labels", browser.text("form[data-label] button[type=submit]"));
        browser.screenshot("label");
        browser.find("form[data-label] button[type=submit]").click();
        assertEquals("2 images labelled.", browser.awaitStatus("2 images labelled."));
        assertTrue(browser.text("[data-label-progress]").startsWith((sinceBefore + 2) + " labelled since"),
                browser.text("[data-label-progress]"));
        browser.open("/console/datasets/" + datasetId);
        assertEquals(labelled + 2, count("labeled"));
    }

    /** A job submitted from the form, its progress followed live (epoch by epoch) until it succeeds; its report. */
    void trainAndFollow() throws IOException {
        browser.open("/console/jobs?datasetId=" + datasetId + "&method=supervised");
        assertTrue(browser.find("input[name=epochs]").getAttribute("placeholder").matches("\\d+"),
                "the form shows the engine's default epochs");
        browser.find("input[name=epochs]").sendKeys("4");
        browser.find("input[name=imageSize]").sendKeys("32");
        browser.find("input[name=widthMultiplier]").sendKeys("0.25");
        browser.screenshot("jobs");
        browser.find("form[data-submit-job] button[type=submit]").click();
        browser.awaitText("h1", "supervised on", Duration.ofSeconds(20));
        // Steps within an epoch come only from the live events (a finished job's page shows its epochs' ends).
        browser.awaitText("[data-figure=epoch]", "(step ", JOB_TIMEOUT);
        browser.screenshot("job-live");
        browser.awaitText("[data-state]", "SUCCEEDED", JOB_TIMEOUT);
        browser.awaitText("h2", "Results", Duration.ofSeconds(30)); // the page reloads with the report
        assertTrue(browser.all(".charts img").size() >= 3, "curves and confusion matrix shown");
        assertEquals(2, browser.all("canvas[data-curve]").size(), "the live curves stay on the page");
        browser.screenshot("job");
        browser.open("/console/jobs/compare?datasetId=" + datasetId);
        assertTrue(browser.all("table.list tbody tr").size() >= 2, "the dataset's runs side by side");
        browser.screenshot("compare");
    }

    /** An older model pinned from the list, an image given to "try it": the top classes with probabilities. */
    void pinAndClassify() throws IOException {
        browser.open("/console/models");
        WebElement pin = browser.find("[data-pin]");
        String modelId = pin.getAttribute("data-pin");
        pin.click();
        browser.awaitStatus("Pinned model " + modelId);
        browser.open("/console/models");
        assertTrue(browser.text("main").contains("model " + modelId.substring(0, 8)) && browser.text("main")
                .contains("(pinned)"), browser.text("main"));
        Path image = ShapesDataset.write(work.resolve("try"), new ShapesDataset.Sizes(1, 0, 0, 0), 9, n -> { })
                .labeled("labeled").get(0).file();
        browser.find("form[data-classify] input[type=file]").sendKeys(image.toString());
        browser.awaitStatus(image.getFileName() + ": ");
        List<WebElement> classes = browser.all("[data-prediction] li");
        assertEquals(4, classes.size(), "the four shapes, most likely first");
        browser.screenshot("models");
        browser.find("[data-unpin]").click();
        browser.awaitStatus("Unpinned: the newest model serves.");
    }

    /** A long job cancelled from its page once it runs: the page follows it to CANCELLED. */
    void cancelAJob() {
        browser.open("/console/jobs?datasetId=" + datasetId + "&method=supervised");
        browser.find("input[name=epochs]").sendKeys("500");
        browser.find("input[name=imageSize]").sendKeys("32");
        browser.find("form[data-submit-job] button[type=submit]").click();
        browser.awaitText("[data-state]", "RUNNING", JOB_TIMEOUT);
        browser.find("[data-cancel]").click();
        browser.acceptConfirmation();
        browser.awaitText("[data-state]", "CANCELLED", Duration.ofMinutes(1));
    }

    /** Signed in as a viewer: the pages show the data but offer none of the actions the role may not take. */
    void asAViewer(String viewerKey) {
        browser.open("/console/datasets");
        browser.find("header button[type=submit]").click(); // sign out
        browser.find("#key").sendKeys(viewerKey);
        browser.find("form button[type=submit]").click();
        browser.awaitText("header", "(viewer)", Duration.ofSeconds(20));
        assertTrue(browser.all("form[data-create-dataset]").isEmpty(), "a viewer creates no dataset");
        browser.open("/console/datasets/" + datasetId);
        assertTrue(browser.all("form[data-upload]").isEmpty(), "a viewer uploads nothing");
        browser.open("/console/jobs");
        assertTrue(browser.all("form[data-submit-job]").isEmpty(), "a viewer submits no job");
        browser.open("/console/models");
        assertTrue(browser.all("[data-pin]").isEmpty(), "a viewer pins no model");
        assertEquals(1, browser.all("form[data-classify]").size(), "a viewer may try the model");
    }

    /** The pages at a phone's width: nothing wider than the screen, the same pictures. */
    void atAPhonesWidth() throws IOException {
        browser.size(ConsoleBrowser.PHONE);
        for (String page : List.of("/console/datasets", "/console/datasets/" + datasetId + "/label", "/console/models")) {
            browser.open(page);
            browser.screenshot("phone-" + page.replaceAll("^/console/", "").replaceAll("/.*/", "-"));
        }
        browser.size(ConsoleBrowser.LAPTOP);
    }

    private int count(String split) {
        return Integer.parseInt(browser.text("[data-counts] td[data-split=" + split + "]"));
    }

    private void awaitCount(String split, int expected) {
        browser.awaitText("[data-counts] td[data-split=" + split + "]", String.valueOf(expected), Duration.ofSeconds(20));
    }

    /** Two new labelled images per class and a file that is not an image, as a zip. */
    private Path archive() throws IOException {
        Path images = ShapesDataset.write(work.resolve("more"), new ShapesDataset.Sizes(2, 0, 0, 0), 4242, n -> { })
                .root();
        Path zip = work.resolve("more-shapes.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(images.resolve("labeled"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.putNextEntry(new ZipEntry(images.relativize(file).toString()));
                entries.write(Files.readAllBytes(file));
                entries.closeEntry();
            }
            entries.putNextEntry(new ZipEntry("labeled/circle/broken.png"));
            entries.write("not an image".getBytes());
            entries.closeEntry();
        }
        return zip;
    }
}
