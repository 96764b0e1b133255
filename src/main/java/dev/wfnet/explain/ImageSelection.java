package dev.wfnet.explain;

import dev.wfnet.data.ImageDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Which test images an analysis looks at: reproducible and balanced over classes. */
public final class ImageSelection {

    private ImageSelection() {
    }

    /**
     * {@code count} image indices (all of them if the set is smaller), taken class by class in
     * turn, each class's images in a seeded random order; sorted by class, then by that order.
     */
    public static int[] balanced(ImageDataset data, int count, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.classCount(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        for (List<Integer> indices : byClass) {
            Collections.shuffle(indices, random);
        }
        int wanted = Math.min(count, data.size());
        List<Integer> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < wanted; round++) {
            for (List<Integer> indices : byClass) {
                if (round < indices.size() && chosen.size() < wanted) {
                    chosen.add(indices.get(round));
                }
            }
        }
        return chosen.stream().sorted(java.util.Comparator.comparingInt(data::label)).mapToInt(Integer::intValue)
                .toArray();
    }
}
