package dev.wfnet.unlearn.baselines;

import java.util.Random;

/** Fisher-Yates shuffling of index arrays, seeded. */
final class Shuffle {

    private Shuffle() {
    }

    static void inPlace(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
