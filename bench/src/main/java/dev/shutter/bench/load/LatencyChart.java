package dev.shutter.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Latency over time as a PNG (java.awt, headless): per endpoint, p50 (thin) and p99 (thick) of
 * each time window, on a logarithmic latency axis so fast reads and slow uploads share a chart.
 */
final class LatencyChart {

    static final int WIDTH = 1400;
    static final int HEIGHT = 700;
    static final int LEFT = 80, RIGHT = 330, TOP = 50, BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0x17becf)};

    private LatencyChart() {}

    static void write(Map<String, Measurements.Endpoint> endpoints, double seconds, String title, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        double window = Math.max(1, Math.ceil(seconds / 60)); // about 60 points across
        int windows = (int) Math.ceil(seconds / window);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        double minMs = 1, maxMs = 10_000;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double ms = minMs; ms <= maxMs; ms *= 10) {
            int y = yOf(ms, minMs, maxMs, plotH);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(ms >= 1000 ? (int) (ms / 1000) + " s" : (int) ms + " ms", 10, y + 4);
        }
        for (int t = 0; t <= 10; t++) {
            int x = LEFT + plotW * t / 10;
            g.drawString("%.0f s".formatted(seconds * t / 10), x - 10, TOP + plotH + 20);
        }
        g.drawString("time since the mix started (windows of %.0f s); thin p50, thick p99".formatted(window),
                LEFT, HEIGHT - 15);
        g.drawRect(LEFT, TOP, plotW, plotH);

        int colour = 0;
        int legendY = TOP + 10;
        for (Map.Entry<String, Measurements.Endpoint> entry : endpoints.entrySet()) {
            Color c = COLORS[colour++ % COLORS.length];
            List<List<Double>> perWindow = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                perWindow.add(new ArrayList<>());
            }
            for (Measurements.Sample s : entry.getValue().timeline()) {
                int w = (int) (s.atMillis() / 1000.0 / window);
                if (w >= 0 && w < windows && s.status() > 0 && s.status() < 400) {
                    perWindow.get(w).add(s.latencyMillis());
                }
            }
            for (int pass = 0; pass < 2; pass++) {
                double p = pass == 0 ? 50 : 99;
                g.setStroke(new BasicStroke(pass == 0 ? 1f : 2.5f));
                g.setColor(c);
                int px = -1, py = -1;
                for (int w = 0; w < windows; w++) {
                    if (perWindow.get(w).isEmpty()) {
                        px = -1;
                        continue;
                    }
                    double value = percentile(perWindow.get(w), p);
                    int x = LEFT + (int) (plotW * (w + 0.5) / windows);
                    int y = yOf(Math.max(minMs, Math.min(maxMs, value)), minMs, maxMs, plotH);
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    } else {
                        g.fillOval(x - 2, y - 2, 4, 4);
                    }
                    px = x;
                    py = y;
                }
            }
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 40, legendY);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), WIDTH - RIGHT + 48, legendY + 4);
            legendY += 20;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static int yOf(double ms, double min, double max, int plotH) {
        double f = (Math.log10(ms) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        return TOP + plotH - (int) (f * plotH);
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
        return sorted[index];
    }
}
