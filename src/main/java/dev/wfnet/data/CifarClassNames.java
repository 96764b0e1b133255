package dev.wfnet.data;

import java.util.List;

/**
 * The class names of CIFAR-10 and CIFAR-100 (fine labels), as in the binary distribution's
 * {@code batches.meta.txt} and {@code fine_label_names.txt}. Used when those files are absent, so
 * that copies holding only the batches still show names rather than numbers.
 */
public final class CifarClassNames {

    /** CIFAR-10, by label value. */
    public static final List<String> CIFAR10 = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");

    /** CIFAR-100 fine labels, by label value (alphabetical, as published). */
    public static final List<String> CIFAR100_FINE = List.of("apple", "aquarium_fish", "baby",
            "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle", "bowl", "boy", "bridge",
            "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle", "chair",
            "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup",
            "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster",
            "house", "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard",
            "lobster", "man", "maple_tree", "motorcycle", "mountain", "mouse", "mushroom",
            "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck",
            "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
            "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk",
            "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar", "sunflower",
            "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
            "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf",
            "woman", "worm");

    private CifarClassNames() {
    }
}
