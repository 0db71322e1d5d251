package rosetta.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rosetta.datasets.Dataset;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

class SyntheticCifarTest {
    private static final int PIXELS = 3 * 32 * 32;

    private static float[] image(Dataset set, int i) {
        float[] x = new float[PIXELS];
        set.copyExample(i, x, 0);
        return x;
    }

    @Test
    void hasTheShapeOfCifar10() {
        SyntheticCifar data = new SyntheticCifar(30, 20, 1);
        assertEquals(30, data.train().size());
        assertEquals(20, data.test().size());
        assertEquals(Shape.of(3, 32, 32), data.train().exampleShape());
        assertEquals(DType.FLOAT32, data.test().exampleType());
        assertEquals(10, data.train().classes());
        for (int i = 0; i < 30; i++) {
            for (float v : image(data.train(), i)) {
                assertTrue(v >= 0 && v <= 1, "pixel " + v);
            }
        }
    }

    @Test
    void isDeterministicForASeedAndGrowsByAppending() {
        SyntheticCifar small = new SyntheticCifar(5, 3, 7);
        SyntheticCifar large = new SyntheticCifar(9, 4, 7);
        SyntheticCifar other = new SyntheticCifar(5, 3, 8);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(image(small.train(), i), image(large.train(), i), "train " + i);
            assertEquals(small.train().label(i), large.train().label(i));
        }
        assertArrayEquals(image(small.test(), 2), image(large.test(), 2));
        assertFalse(Arrays.equals(image(small.train(), 0), image(other.train(), 0)));
        assertFalse(Arrays.equals(image(small.train(), 0), image(small.test(), 0)));
    }

    /**
     * The signal: class means of 300 training images classify 500 test images far above the 10% of
     * chance (all 500 with this seed).
     */
    @Test
    void classMeansOfAFewHundredImagesClassifyTheTestSet() {
        SyntheticCifar data = new SyntheticCifar(300, 500, 3);
        double[][] mean = new double[10][PIXELS];
        int[] count = new int[10];
        for (int i = 0; i < data.train().size(); i++) {
            int k = data.train().label(i);
            float[] x = image(data.train(), i);
            for (int p = 0; p < PIXELS; p++) {
                mean[k][p] += x[p];
            }
            count[k]++;
        }
        for (int k = 0; k < 10; k++) {
            assertTrue(count[k] > 10, "class " + k + " has " + count[k] + " of 300 examples");
            for (int p = 0; p < PIXELS; p++) {
                mean[k][p] /= count[k];
            }
        }
        int correct = 0;
        for (int i = 0; i < data.test().size(); i++) {
            float[] x = image(data.test(), i);
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < 10; k++) {
                double d = 0;
                for (int p = 0; p < PIXELS; p++) {
                    d += (x[p] - mean[k][p]) * (x[p] - mean[k][p]);
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            correct += best == data.test().label(i) ? 1 : 0;
        }
        double accuracy = correct / 500.0;
        assertTrue(accuracy > 0.6, "nearest class mean: " + accuracy);
    }

    @Test
    void examplesOfAClassDiffer() {
        SyntheticCifar data = new SyntheticCifar(40, 0, 5);
        int first = -1;
        for (int i = 0; i < 40; i++) {
            if (data.train().label(i) == data.train().label(0) && i > 0) {
                first = i;
                break;
            }
        }
        assertTrue(first > 0);
        assertFalse(Arrays.equals(image(data.train(), 0), image(data.train(), first)));
    }
}
