package io.semisup.training.report;

import io.semisup.training.run.EpochRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pictures of a run and of a comparison, drawn with XChart: loss and accuracy curves, learning rate and speed,
 * the confusion matrix, and validation accuracy of several runs against training time.
 */
public final class Charts {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;

    private Charts() {
    }

    /** Losses per epoch (run-wide epoch count on x), one line per phase and head. */
    public static void losses(List<EpochRecord> epochs, Path file) {
        XYChart chart = xy("Loss per epoch", "epoch", "mean loss per step");
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (int i = 0; i < epochs.size(); i++) {
            EpochRecord e = epochs.get(i);
            for (var loss : e.losses().entrySet()) {
                String name = loss.getKey().equals("total") ? e.phase() : e.phase() + " · " + loss.getKey();
                series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[]{i + 1, loss.getValue()});
            }
        }
        series.forEach((name, points) -> add(chart, name, points));
        save(chart, file);
    }

    /** Train (labelled images) and validation accuracy per epoch. */
    public static void accuracy(List<EpochRecord> epochs, Path file) {
        XYChart chart = xy("Accuracy per epoch", "epoch", "accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        addIfAny(chart, "train (labelled)", points(epochs, EpochRecord::trainAccuracy));
        addIfAny(chart, "validation", points(epochs, EpochRecord::validationAccuracy));
        save(chart, file);
    }

    /** Learning rate (left axis) and training images/s (right axis) per epoch. */
    public static void schedule(List<EpochRecord> epochs, Path file) {
        XYChart chart = xy("Learning rate and speed", "epoch", "learning rate");
        add(chart, "learning rate", points(epochs, EpochRecord::learningRate));
        XYSeries speed = add(chart, "images/s", points(epochs, EpochRecord::imagesPerSecond));
        speed.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "images/s");
        save(chart, file);
    }

    public static void confusion(ClassifierEvaluation evaluation, List<String> classes, Path file) {
        int k = classes.size();
        int side = Math.max(420, 60 + 48 * k);
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 120).height(side)
                .title("Confusion matrix (" + evaluation.split() + ", accuracy " + percent(evaluation.accuracy()) + ")")
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true).setMin(0).setRangeColors(new Color[]{
                new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.getStyler().setPlotContentSize(1.0);
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                // Row 0 at the top, as matrices are read.
                cells.add(new Number[]{predicted, k - 1 - actual, evaluation.confusion()[actual][predicted]});
            }
        }
        List<String> reversed = new ArrayList<>(classes);
        java.util.Collections.reverse(reversed);
        chart.addSeries("count", classes, reversed, cells);
        save(chart, file);
    }

    /** Validation accuracy of several runs against training minutes: the study's comparison of methods. */
    public static void comparisonCurves(Map<String, RunReport> runs, Path file) {
        XYChart chart = xy("Validation accuracy by training time", "training minutes", "validation accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        runs.forEach((name, report) -> {
            List<double[]> points = new ArrayList<>();
            double minutes = 0;
            for (EpochRecord e : report.epochs()) {
                minutes += e.seconds() / 60;
                if (e.validationAccuracy() != null) {
                    points.add(new double[]{minutes, e.validationAccuracy()});
                }
            }
            addIfAny(chart, name, points);
        });
        save(chart, file);
    }

    /** Final accuracy of several runs as bars. */
    public static void comparisonBars(Map<String, RunReport> runs, Path file) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Final accuracy").xAxisTitle("run").yAxisTitle("accuracy").build();
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendVisible(false);
        chart.addSeries("accuracy", new ArrayList<>(runs.keySet()),
                runs.values().stream().map(r -> (Number) r.evaluation().accuracy()).toList());
        save(chart, file);
    }

    static String percent(double share) {
        return String.format("%.1f%%", 100 * share);
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    private static List<double[]> points(List<EpochRecord> epochs, Function<EpochRecord, Number> value) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            Number v = value.apply(epochs.get(i));
            if (v != null) {
                points.add(new double[]{i + 1, v.doubleValue()});
            }
        }
        return points;
    }

    private static void addIfAny(XYChart chart, String name, List<double[]> points) {
        if (!points.isEmpty()) {
            add(chart, name, points);
        }
    }

    private static XYSeries add(XYChart chart, String name, List<double[]> points) {
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(points.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return series;
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
