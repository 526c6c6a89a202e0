package dev.shutter.ml.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's picture: training loss by epoch beside recall@K of the towers, popularity and random. */
public final class ReportChart {

    private static final int WIDTH = 520;
    private static final int HEIGHT = 420;

    private ReportChart() {}

    /** One panel per model's loss (their scales differ), then recall@K. */
    public static void write(Path png, Map<String, List<Double>> lossByModel, Map<String, Map<String, Double>> retrieval)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<JFreeChart> panels = new java.util.ArrayList<>();
        lossByModel.forEach((model, loss) -> {
            XYSeries series = new XYSeries(model);
            for (int epoch = 0; epoch < loss.size(); epoch++) {
                series.add(epoch + 1, loss.get(epoch));
            }
            JFreeChart chart = ChartFactory.createXYLineChart(model + ": training loss", "epoch", "loss",
                    new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
            ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
            panels.add(chart);
        });
        XYSeriesCollection recall = new XYSeriesCollection();
        retrieval.forEach((method, figures) -> {
            XYSeries series = new XYSeries(method);
            for (int k : OfflineEvaluation.RECALL_AT) {
                series.add(k, figures.get("recall@" + k));
            }
            recall.addSeries(series);
        });
        panels.add(ChartFactory.createXYLineChart("Hold-out recall@K", "K", "recall", recall,
                PlotOrientation.VERTICAL, true, false, false));
        BufferedImage image = new BufferedImage(panels.size() * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).draw(g, new Rectangle2D.Double(i * WIDTH, 0, WIDTH, HEIGHT));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }
}
