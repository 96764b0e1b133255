package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfnet.WfnetException;
import dev.wfnet.data.FashionMnist;
import java.util.List;
import org.junit.jupiter.api.Test;

class BankLayoutTest {
    /** A bank over Trouser (row 0) and Sandal (row 1) of a ten-class model. */
    private final BankLayout layout = new BankLayout(new int[] {1, 5}, 10, Granularity.WEIGHT, List.of());

    @Test
    void theRowsOfAClassSetFollowTheSetsOrder() throws Exception {
        assertArrayEquals(new int[] {1, 0}, layout.rowsFor(new int[] {5, 1}, FashionMnist.CLASS_NAMES));
        assertArrayEquals(new int[0], layout.rowsFor(new int[0], FashionMnist.CLASS_NAMES));
    }

    @Test
    void aClassTheModelDoesNotHaveIsNamedWithTheModelsRange() {
        for (int missing : new int[] {10, -1}) {
            WfnetException e = assertThrows(WfnetException.class,
                    () -> layout.rowsFor(new int[] {1, missing}, FashionMnist.CLASS_NAMES));
            assertEquals("there is no class " + missing + ": the model's classes are numbered 0 to 9", e.getMessage());
        }
    }

    @Test
    void aClassListedTwiceOrOutsideTheBankIsRefused() {
        WfnetException twice = assertThrows(WfnetException.class,
                () -> layout.rowsFor(new int[] {5, 5}, FashionMnist.CLASS_NAMES));
        assertEquals("a class is listed twice in [5, 5]; forgetting it twice would square its alphas",
                twice.getMessage());
        WfnetException outside = assertThrows(WfnetException.class,
                () -> layout.rowsFor(new int[] {1, 3}, FashionMnist.CLASS_NAMES));
        assertEquals("the bank cannot forget class 3 (Dress); it covers [1, 5]", outside.getMessage());
    }
}
