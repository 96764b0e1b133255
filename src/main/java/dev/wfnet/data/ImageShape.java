package dev.wfnet.data;

/** Channels, height and width of one image, in the C x H x W order the networks read. */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive: "
                    + channels + "x" + height + "x" + width);
        }
    }

    /**
     * Reads "CxHxW" ("3x32x32").
     *
     * @throws IllegalArgumentException naming the text when it is not three positive whole numbers
     */
    public static ImageShape parse(String text) {
        String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                return new ImageShape(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                        Integer.parseInt(parts[2].strip()));
            }
        } catch (IllegalArgumentException e) {
            // the message below
        }
        throw new IllegalArgumentException("input shape '" + text.strip() + "' is not CxHxW with positive whole"
                + " numbers, e.g. 3x32x32");
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
