package rosetta.tensor.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhiloxTest {

    @Test
    void matchesTheKnownAnswerVectorsOfRandom123() {
        int[] out = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, out);
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
        Philox.block(-1, -1, -1, -1, -1, -1, out);
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
        Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void sameSeedSameNumbersAndSplitsAreIndependent() {
        RngStream a = RngStream.seeded(42);
        RngStream b = RngStream.seeded(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextInt(), b.nextInt());
        }
        RngStream root = RngStream.seeded(42);
        RngStream first = root.split("conv1.weight");
        RngStream again = RngStream.seeded(42).split("conv1.weight");
        RngStream other = root.split("conv2.weight");
        assertEquals(first.nextInt(), again.nextInt());
        assertNotEquals(RngStream.seeded(42).split("conv1.weight").nextInt(),
                other.nextInt());
    }

    @Test
    void uniformAndGaussianHaveTheRightMoments() {
        RngStream rng = RngStream.seeded(7);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        double gSum = 0;
        double gSq = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            assertTrue(u >= 0 && u < 1);
            sum += u;
            sumSq += u * u;
            double g = rng.nextGaussian();
            gSum += g;
            gSq += g * g;
        }
        assertEquals(0.5, sum / n, 0.005);
        assertEquals(1.0 / 12, sumSq / n - 0.25, 0.002);
        assertEquals(0, gSum / n, 0.01);
        assertEquals(1, gSq / n, 0.01);
    }

    @Test
    void boundedIntsCoverTheRangeWithoutBias() {
        RngStream rng = RngStream.seeded(3);
        int[] counts = new int[10];
        for (int i = 0; i < 100_000; i++) {
            counts[rng.nextInt(10)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
    }
}
