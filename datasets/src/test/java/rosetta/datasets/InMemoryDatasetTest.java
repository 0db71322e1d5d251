package rosetta.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

class InMemoryDatasetTest {

    private static ImageDataset twoImages() {
        // two [1, 2, 2] images
        byte[] pixels = {0, (byte) 255, 51, 1, (byte) 128, 2, 3, 4};
        return new ImageDataset("tiny images", Shape.of(1, 2, 2), 3, pixels, new int[] {2, 0});
    }

    @Test
    void imagesAreHandedOutAsXOver255() {
        ImageDataset images = twoImages();
        float[] dst = new float[6];
        images.copyExample(0, dst, 1);
        // float(x / 255.0): 51/255 = 0.2 exactly in decimal, 1/255 rounded to float
        assertArrayEquals(new float[] {0f, 0f, 1f, 0.2f, (float) (1 / 255.0), 0f}, dst);
        images.copyExample(1, dst, 2);
        assertEquals((float) (128 / 255.0), dst[2]);
        assertEquals((float) (4 / 255.0), dst[5]);
        assertEquals(2, images.label(0));
        assertEquals(0, images.label(1));
        assertEquals(DType.FLOAT32, images.exampleType());
        assertEquals(4, images.exampleSize());
        assertEquals(2, images.size());
    }

    @Test
    void copyingIntoTheWrongArrayTypeSaysWhichToUse() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> twoImages().copyExample(0, new int[4], 0)).getMessage();
        assertTrue(message.contains("tiny images holds FLOAT32 examples"), message);
        SequenceDataset tokens = new SequenceDataset("tiny tokens", 2, 2, new int[] {1, 5, 7, 0}, new int[] {1, 0});
        assertThrows(IllegalArgumentException.class, () -> tokens.copyExample(0, new float[2], 0));
    }

    @Test
    void sequencesAreCopiedAsTheyAre() {
        SequenceDataset tokens = new SequenceDataset("tiny tokens", 3, 2, new int[] {1, 5, 7, 1, 9, 0},
                new int[] {1, 0});
        int[] dst = new int[4];
        tokens.copyExample(1, dst, 1);
        assertArrayEquals(new int[] {0, 1, 9, 0}, dst);
        assertEquals(Shape.of(3), tokens.exampleShape());
        assertEquals(DType.INT32, tokens.exampleType());
    }

    @Test
    void inconsistentContentsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset("x", Shape.of(1, 2, 2), 3, new byte[7], new int[2]));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset("x", Shape.of(1, 2, 2), 3, new byte[8], new int[] {0, 3}));
        assertThrows(IndexOutOfBoundsException.class, () -> twoImages().label(2));
        assertThrows(IndexOutOfBoundsException.class, () -> twoImages().copyExample(0, new float[3], 0));
    }

    @Test
    void aSplitHoldsOneKindOfExample() {
        SequenceDataset tokens = new SequenceDataset("tokens", 4, 3, new int[4], new int[1]);
        String message = assertThrows(IllegalArgumentException.class, () -> new Split(twoImages(), tokens))
                .getMessage();
        assertTrue(message.contains("do not hold the same kind of example"), message);
    }
}
