package dev.wfnet.data;

import java.util.Objects;

/** A training split and a held-out test split with the same image shape and classes. */
public record DatasetSplits(ImageDataset train, ImageDataset test) {

    public DatasetSplits {
        Objects.requireNonNull(train);
        Objects.requireNonNull(test);
        if (!train.shape().equals(test.shape()) || !train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train split " + train + " and test split " + test
                    + " differ in image shape or classes");
        }
    }
}
