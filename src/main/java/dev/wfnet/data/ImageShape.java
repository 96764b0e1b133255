package dev.wfnet.data;

/** Channels, height and width of one image, in the C x H x W order the networks read. */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive: "
                    + channels + "x" + height + "x" + width);
        }
    }

    public int pixelCount() {
        return channels * height * width;
    }

    public long[] asBatchShape(long batch) {
        return new long[] {batch, channels, height, width};
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
