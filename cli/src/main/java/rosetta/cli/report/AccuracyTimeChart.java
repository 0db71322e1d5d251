package rosetta.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** The classic table as a picture: one point per dialect, training time against test accuracy. */
public final class AccuracyTimeChart {
    private AccuracyTimeChart() {
    }

    /** {@code points}: dialect -> {seconds, accuracy}. */
    public static void write(Path png, String title, Map<String, double[]> points) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle("training time (s)").yAxisTitle("test accuracy").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setXAxisDecimalPattern("#,##0.0");
        chart.getStyler().setYAxisDecimalPattern("0.000");
        points.forEach((name, p) -> chart.addSeries(name, new double[] {p[0]}, new double[] {p[1]}));
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + png + ": " + e.getMessage(), e);
        }
    }
}
