package dev.wfnet.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTableTest {
    enum Shape { ROUND, SQUARE }

    /** A table of its own, so the tests do not depend on the real runs' settings. */
    static final class Toy extends Configuration<Toy> {
        static final SettingTable<Toy> SETTINGS = new SettingTable<>(Toy::new);
        static final Setting<Integer> COUNT = SETTINGS.add(Setting.of("count", ValueType.WHOLE, 4)
                .label("Count").range(Range.evenAtLeast(2)).description("How many"));
        static final Setting<Double> RATE = SETTINGS.add(Setting.of("rate", ValueType.REAL, 0.5)
                .label("Rate").options("--lr").range(Range.between(0, 1)));
        static final Setting<Boolean> COSINE = SETTINGS.add(Setting.of("schedule", ValueType.flag("cosine",
                "constant"), false).label("Cosine"));
        static final Setting<Shape> SHAPE = SETTINGS.add(Setting.of("shape_kind", ValueType.choice(Shape.class),
                Shape.ROUND).label("Shape"));
        static final Setting<Long> SEED = SETTINGS.add(Setting.of("seed", ValueType.LONG, 7L));

        private Toy(SettingValues values) {
            super(SETTINGS, values);
        }
    }

    @Test
    void aValueOutsideItsRangeIsRefusedNamingTheSettingAndItsRangeOnly() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Toy.SETTINGS.builder().set(Toy.COUNT, 3));
        assertEquals("Count must be a whole number that is even and at least 2, not '3'", e.getMessage());
        assertEquals("--count must be a whole number that is even and at least 2, not '3'", e.refusal("--count"));
        assertEquals(Toy.COUNT, e.setting());
        assertEquals("Rate must be a number from 0 to 1, not '1.5'",
                assertThrows(InvalidSettingException.class, () -> Toy.SETTINGS.builder().parse(Toy.RATE, "1.5"))
                        .getMessage());
    }

    @Test
    void textThatIsNoValueOfTheTypeGetsTheSameSentence() {
        assertEquals("Count must be a whole number that is even and at least 2, not 'x'", Toy.COUNT.problem(" x "));
        assertEquals("Rate must be a number from 0 to 1, not 'NaN'", Toy.RATE.problem("NaN"));
        assertEquals("Rate must be a number from 0 to 1, not 'Infinity'", Toy.RATE.problem("Infinity"));
        assertEquals("seed must be a whole number, not '1.5'", Toy.SEED.problem("1.5"));
        assertEquals("Shape must be one of round, square, not 'oval'", Toy.SHAPE.problem("oval"));
        assertEquals("Cosine must be cosine or constant, not 'yes'", Toy.COSINE.problem("yes"));
        assertNull(Toy.COUNT.problem("6"));
    }

    @Test
    void flagsAndChoicesReadTheirWordsInAnyCaseAndWriteThemInLowerCase() {
        assertEquals(true, Toy.COSINE.parse("COSINE"));
        assertEquals(false, Toy.COSINE.parse("constant"));
        assertEquals(true, Toy.COSINE.parse("true"));
        assertEquals("cosine", Toy.COSINE.type().format(true));
        assertEquals(Shape.SQUARE, Toy.SHAPE.parse("Square"));
        assertEquals("square", Toy.SHAPE.type().format(Shape.SQUARE));
        assertEquals(List.of(Shape.ROUND, Shape.SQUARE), Toy.SHAPE.type().choices());
        assertTrue(Toy.COSINE.type().isFlag());
        assertFalse(Toy.SHAPE.type().isFlag());
    }

    @Test
    void optionsDefaultToTheKeyWithDashesAndLabelsToTheKey() {
        assertEquals(List.of("--shape-kind"), Toy.SHAPE.options());
        assertEquals(List.of("--lr"), Toy.RATE.options());
        assertEquals("seed", Toy.SEED.label());
    }

    @Test
    void describeWritesEverySettingByKeyAndParseReadsItBack() {
        Toy toy = Toy.SETTINGS.builder().set(Toy.COUNT, 8).set(Toy.COSINE, true).set(Toy.SHAPE, Shape.SQUARE)
                .build();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("count", "8");
        expected.put("rate", "0.5");
        expected.put("schedule", "cosine");
        expected.put("shape_kind", "square");
        expected.put("seed", "7");
        assertEquals(expected, toy.describe());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(toy.describe().keySet()), "in the table's order");
        assertEquals(toy, Toy.SETTINGS.parse(toy.describe()));
        assertEquals(8, Toy.SETTINGS.parse(toy.describe()).get(Toy.COUNT));
    }

    @Test
    void aMissingKeyReadsAsItsDefaultAndAnUnknownKeyIsPassedOver() {
        Toy read = Toy.SETTINGS.parse(Map.of("count", "10", "retired_setting", "whatever"));
        assertEquals(10, read.get(Toy.COUNT));
        assertEquals(0.5, read.get(Toy.RATE));
        assertEquals(Shape.ROUND, read.get(Toy.SHAPE));
        assertEquals(Toy.SETTINGS.defaults().with(Toy.COUNT, 10), read);
    }

    @Test
    void withChangesOneSettingAndLeavesTheOriginalAlone() {
        Toy defaults = Toy.SETTINGS.defaults();
        Toy changed = defaults.with(Toy.SEED, 9L);
        assertEquals(9L, changed.get(Toy.SEED));
        assertEquals(7L, defaults.get(Toy.SEED));
        assertFalse(changed.equals(defaults));
        assertEquals(defaults, changed.with(Toy.SEED, 7L));
        assertEquals(defaults.hashCode(), changed.with(Toy.SEED, 7L).hashCode());
    }

    @Test
    void aTableRefusesARepeatedKeyOrOptionAndADefaultOutsideItsRange() {
        SettingTable<Object> table = new SettingTable<>(values -> values);
        table.add(Setting.of("steps", ValueType.WHOLE, 1));
        assertThrows(IllegalArgumentException.class, () -> table.add(Setting.of("steps", ValueType.WHOLE, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> table.add(Setting.of("other", ValueType.WHOLE, 2).options("--steps")));
        assertThrows(IllegalArgumentException.class,
                () -> table.add(Setting.of("odd", ValueType.WHOLE, 3).range(Range.evenAtLeast(2))));
        assertEquals(1, table.settings().size());
    }

    @Test
    void rangesStateWholeBoundsWithoutADecimalPoint() {
        assertEquals("of at least 0", Range.atLeast(0.0).text());
        assertEquals("above 0", Range.above(0).text());
        assertEquals("above 0.25", Range.above(0.25).text());
        assertTrue(Range.above(0).contains(1e-300));
        assertFalse(Range.above(0).contains(0.0));
        assertTrue(Range.between(0, 1).contains(1.0));
        assertFalse(Range.evenAtLeast(2).contains(0));
    }
}
