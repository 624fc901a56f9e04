package io.ctkit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LatencyPlotTest {

    private static final double[] PERCENTILES = {0, 50, 90, 99, 99.9};

    @Test
    void drawsTheSameChartEveryTime() throws IOException {
        byte[] png = LatencyPlot.png("infer at 200/s", PERCENTILES, new double[] {1, 2, 5, 40, 90},
                new double[] {1, 1.5, 2, 3, 4});

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(LineChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LineChart.HEIGHT);
        assertThat(LatencyPlot.png("infer at 200/s", PERCENTILES, new double[] {1, 2, 5, 40, 90},
                new double[] {1, 1.5, 2, 3, 4})).isEqualTo(png);
        assertThat(LatencyPlot.png("infer at 200/s", PERCENTILES, new double[] {1, 2, 5, 40, 90}, null))
                .isNotEqualTo(png);
    }

    @Test
    void refusesAPercentileOfOneHundred() {
        assertThatThrownBy(() -> LatencyPlot.png("t", new double[] {50, 100}, new double[] {1, 2}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be at least 0 and below 100: 100.0");
    }
}
