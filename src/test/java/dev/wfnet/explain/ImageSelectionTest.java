package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSelectionTest {
    private static final ImageDataset DATA = new ImageDataset("tiny", new ImageShape(1, 1, 1), new byte[12],
            new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 0}, List.of("a", "b", "c"));

    @Test
    void takesClassesInTurnSoEveryClassIsRepresented() {
        int[] chosen = ImageSelection.balanced(DATA, 7, 1);
        int[] perClass = new int[3];
        for (int index : chosen) {
            perClass[DATA.label(index)]++;
        }
        assertArrayEquals(new int[] {3, 2, 2}, perClass);
        assertEquals(12, ImageSelection.balanced(DATA, 100, 1).length);
    }

    @Test
    void theSameSeedChoosesTheSameImages() {
        assertArrayEquals(ImageSelection.balanced(DATA, 5, 9), ImageSelection.balanced(DATA, 5, 9));
    }
}
