/**
 * Datasets: readers for IDX (the MNIST family), CIFAR-10/100 binary batches and image folders,
 * class names, splits, the bundled Fashion-MNIST subset, and the conversion of images to
 * normalised float batches.
 */
package dev.wfnet.data;
