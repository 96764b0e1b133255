package dev.wfnet.app.common;

import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.figures.ColorMap;
import dev.wfnet.figures.ImageGridFigure;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/** Draws dataset images (grey or RGB, C x H x W bytes) as JavaFX images, enlarged without smoothing. */
public final class DatasetImages {
    private DatasetImages() {
    }

    /** Image {@code index} of {@code data}, each pixel drawn as a {@code scale x scale} square. */
    public static Image image(ImageDataset data, int index, int scale) {
        return draw(data, index, null, scale);
    }

    /**
     * The image with a saliency map ({@code height x width}, values in [0, 1]) laid over it in
     * viridis, half transparent where the map is high and clear where it is zero, so the garment
     * stays visible under the colour.
     */
    public static Image overlay(ImageDataset data, int index, float[][] saliency, int scale) {
        return draw(data, index, saliency, scale);
    }

    private static Image draw(ImageDataset data, int index, float[][] saliency, int scale) {
        ImageShape shape = data.shape();
        int plane = shape.height() * shape.width();
        WritableImage image = new WritableImage(shape.width() * scale, shape.height() * scale);
        PixelWriter writer = image.getPixelWriter();
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int offset = y * shape.width() + x;
                int red = data.pixel(index, offset);
                int green = shape.channels() == 3 ? data.pixel(index, plane + offset) : red;
                int blue = shape.channels() == 3 ? data.pixel(index, 2 * plane + offset) : red;
                int argb = 0xff000000 | red << 16 | green << 8 | blue;
                if (saliency != null) {
                    argb = blend(argb, saliency[y][x]);
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        writer.setArgb(x * scale + dx, y * scale + dy, argb);
                    }
                }
            }
        }
        return image;
    }

    /** Viridis over the pixel, more opaque where the map is higher, so low-saliency pixels stay clear. */
    private static int blend(int argb, float value) {
        return 0xff000000 | ImageGridFigure.blendOverRgb(argb & 0xffffff, ColorMap.VIRIDIS.colorAt(value), 0.65 * value);
    }
}
