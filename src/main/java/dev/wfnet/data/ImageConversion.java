package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns one decoded image into the bytes of a requested {@link ImageShape}: resized with Java2D
 * (area averaging when shrinking, bilinear otherwise) and converted to 1 channel by luminance or
 * to 3 RGB channels, in C x H x W order.
 *
 * <p>The aim is to give the same pixels a PyTorch user's PIL pipeline would: alpha is dropped
 * rather than blended (as {@code Image.convert("RGB")} does), grey images keep their stored values
 * (Java2D would otherwise gamma-convert a linear-grey image on the way to sRGB and turn 128 into
 * 188), and luminance uses PIL's integer ITU-R 601 weights.
 */
public final class ImageConversion {

    private ImageConversion() {
    }

    /** Decodes an image file, refusing files ImageIO cannot read with a message naming the formats. */
    public static BufferedImage read(Path file) throws WfnetException {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new WfnetException(file
                        + " is not an image this workbench reads (PNG, JPEG, BMP, GIF)");
            }
            return image;
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The pixels of {@code image} at {@code shape}'s size and channel count (1 or 3).
     *
     * @throws IllegalArgumentException for a shape with other than 1 or 3 channels
     */
    public static byte[] toPixels(BufferedImage image, ImageShape shape) {
        byte[] out = new byte[shape.pixelCount()];
        toPixels(image, shape, out, 0);
        return out;
    }

    /** Writes the pixels of {@code image} at {@code shape} into {@code out} from {@code offset}. */
    public static void toPixels(BufferedImage image, ImageShape shape, byte[] out, int offset) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("images convert to 1 (grey) or 3 (RGB) channels, not "
                    + shape.channels());
        }
        int width = shape.width();
        int height = shape.height();
        BufferedImage scaled = resize(toRgb(image), width, height);
        int[] rgb = scaled.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        for (int p = 0; p < plane; p++) {
            int r = (rgb[p] >> 16) & 0xFF;
            int g = (rgb[p] >> 8) & 0xFF;
            int b = rgb[p] & 0xFF;
            if (shape.channels() == 1) {
                out[offset + p] = (byte) luminance(r, g, b);
            } else {
                out[offset + p] = (byte) r;
                out[offset + plane + p] = (byte) g;
                out[offset + 2 * plane + p] = (byte) b;
            }
        }
    }

    /**
     * Grey level of an RGB colour, {@code L = R*299/1000 + G*587/1000 + B*114/1000} in PIL's
     * 16-bit fixed point with rounding. The weights sum to exactly 1, so grey stays unchanged.
     */
    public static int luminance(int red, int green, int blue) {
        return (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16;
    }

    /** An opaque {@code TYPE_INT_RGB} copy, the one format the rest of the conversion handles. */
    static BufferedImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        if (isStoredGrey(image)) {
            Raster raster = image.getRaster();
            int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int grey = max == 255 ? raster.getSample(x, y, 0)
                            : (int) ((raster.getSample(x, y, 0) * 255L + max / 2) / max);
                    row[x] = grey << 16 | grey << 8 | grey;
                }
                rgb.setRGB(0, y, width, 1, row, 0, width);
            }
        } else {
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    row[x] &= 0xFFFFFF;
                }
                rgb.setRGB(0, y, width, 1, row, 0, width);
            }
        }
        return rgb;
    }

    /** Grey (with or without alpha) stored as component values, not through a palette. */
    private static boolean isStoredGrey(BufferedImage image) {
        return image.getColorModel() instanceof ComponentColorModel model
                && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && model.getComponentSize(0) <= 16;
    }

    /**
     * Area averaging when shrinking in both directions (every source pixel counts, no aliasing),
     * bilinear otherwise.
     */
    static BufferedImage resize(BufferedImage rgb, int width, int height) {
        if (rgb.getWidth() == width && rgb.getHeight() == height) {
            return rgb;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = out.createGraphics();
        try {
            if (width <= rgb.getWidth() && height <= rgb.getHeight()) {
                // A BufferedImage's producer runs synchronously, so drawImage completes at once.
                Image averaged = rgb.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
                graphics.drawImage(averaged, 0, 0, null);
            } else {
                graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                graphics.setRenderingHint(RenderingHints.KEY_RENDERING,
                        RenderingHints.VALUE_RENDER_QUALITY);
                graphics.drawImage(rgb, 0, 0, width, height, null);
            }
        } finally {
            graphics.dispose();
        }
        return out;
    }
}
