package dev.wfnet.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one distorted glyph as a 28 x 28 grey image, light on black as in MNIST: a font outline,
 * scaled, stretched, sheared, rotated and shifted, its strokes thickened or thinned, sometimes
 * scratched or partly covered, bent by a smooth random warp, sometimes spare, then inked at a
 * random brightness with Gaussian noise.
 * Every random choice comes from the generator passed in, so an image is a function of its seed.
 *
 * <p>Not thread-safe: it reuses one canvas and its graphics. Outlines are made once per font and glyph.
 */
final class GlyphRenderer {

    static final int SIDE = 28;
    private static final int WARP_GRID = 4;

    private final Shape[][] outlines;
    private final BufferedImage canvas = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    private final int[] coverage = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
    private final Graphics2D graphics = canvas.createGraphics();
    private final float[] pixels = new float[SIDE * SIDE];
    private final float[] spare = new float[SIDE * SIDE];

    /**
     * @param fonts the fonts to draw with, any size (outlines are normalised)
     * @param glyphs the text of each class, one glyph each ("0" to "9")
     */
    GlyphRenderer(List<Font> fonts, List<String> glyphs) {
        FontRenderContext context = new FontRenderContext(null, true, true);
        outlines = new Shape[fonts.size()][glyphs.size()];
        for (int f = 0; f < fonts.size(); f++) {
            for (int k = 0; k < glyphs.size(); k++) {
                outlines[f][k] = normalised(fonts.get(f).createGlyphVector(context, glyphs.get(k)).getOutline());
            }
        }
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    /** The outline scaled to height 1 and centred on the origin (by its bounding box). */
    private static Shape normalised(Shape outline) {
        Rectangle2D box = outline.getBounds2D();
        double scale = 1 / box.getHeight();
        AffineTransform toUnit = AffineTransform.getScaleInstance(scale, scale);
        toUnit.translate(-box.getCenterX(), -box.getCenterY());
        return toUnit.createTransformedShape(outline);
    }

    /** Draws glyph {@code glyph} into {@code out} at {@code offset} with distortions drawn from {@code random}. */
    void render(int glyph, SplittableRandom random, byte[] out, int offset) {
        Shape outline = outlines[random.nextInt(outlines.length)][glyph];
        graphics.setColor(Color.BLACK);
        graphics.fillRect(0, 0, SIDE, SIDE);
        Shape placed = place(random).createTransformedShape(outline);
        graphics.setColor(Color.WHITE);
        graphics.fill(placed);
        double stroke = uniform(random, -0.9, 2.2);
        if (stroke > 0) {
            graphics.setStroke(new BasicStroke((float) stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            graphics.draw(placed);
        } else if (stroke < -0.3) {
            thin(placed, (float) -stroke);
        }
        if (random.nextDouble() < 0.3) {
            scratch(random);
        }
        if (random.nextDouble() < 0.3) {
            graphics.setColor(Color.BLACK);
            int w = 3 + random.nextInt(8);
            int h = 3 + random.nextInt(8);
            graphics.fillRect(4 + random.nextInt(SIDE - 8 - w + 1), 4 + random.nextInt(SIDE - 8 - h + 1), w, h);
        }
        finish(random, out, offset);
    }

    /**
     * Thins the strokes by drawing the outline's edge in black; undone when it would take more than
     * half the ink (a light font's hairlines would vanish and leave an image without its digit).
     */
    private void thin(Shape placed, float width) {
        long before = ink();
        graphics.setColor(Color.BLACK);
        graphics.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        graphics.draw(placed);
        if (2 * ink() < before) {
            graphics.setColor(Color.WHITE);
            graphics.fill(placed);
        }
    }

    /** The canvas's total coverage (the blue channel of every pixel). */
    private long ink() {
        long sum = 0;
        for (int value : coverage) {
            sum += value & 0xFF;
        }
        return sum;
    }

    /** Where the unit outline goes: height 15-24 px, stretched, sheared, rotated by up to 15 degrees, shifted by up to 3 px. */
    private static AffineTransform place(SplittableRandom random) {
        double height = uniform(random, 15, 24);
        double width = height * uniform(random, 0.8, 1.2);
        AffineTransform transform = new AffineTransform();
        transform.translate(SIDE / 2.0 + uniform(random, -3, 3), SIDE / 2.0 + uniform(random, -3, 3));
        transform.rotate(StrictMath.toRadians(uniform(random, -15, 15)));
        transform.shear(uniform(random, -0.15, 0.15), 0);
        transform.scale(width, height);
        return transform;
    }

    /** A short light line across the image, like a pen slip. */
    private void scratch(SplittableRandom random) {
        graphics.setColor(Color.WHITE);
        graphics.setStroke(new BasicStroke((float) uniform(random, 1, 2.5), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double x = uniform(random, 4, SIDE - 4);
        double y = uniform(random, 4, SIDE - 4);
        double angle = uniform(random, 0, 2 * StrictMath.PI);
        double length = uniform(random, 5, 14);
        graphics.draw(new Line2D.Double(x, y, x + length * StrictMath.cos(angle), y + length * StrictMath.sin(angle)));
    }

    /**
     * Coverage to grey: a smooth random warp, random ink, sometimes a blur, Gaussian noise, rounded
     * and clipped to 0-255.
     */
    private void finish(SplittableRandom random, byte[] out, int offset) {
        double ink = uniform(random, 110, 255);
        for (int p = 0; p < pixels.length; p++) {
            spare[p] = (float) ((coverage[p] & 0xFF) / 255.0 * ink);
        }
        warp(random, uniform(random, 0, 2.5));
        if (random.nextDouble() < 0.3) {
            blur();
        }
        double sigma = uniform(random, 0, 50);
        for (int p = 0; p < pixels.length; p++) {
            double value = pixels[p] + sigma * gaussian(random);
            out[offset + p] = (byte) (int) Math.max(0, Math.min(255, StrictMath.rint(value)));
        }
    }

    /**
     * Moves {@code spare} (the inked canvas) into {@code pixels} along a smooth displacement field, as a hand would
     * bend a printed glyph: random offsets of up to {@code amplitude} px on a 4 x 4 grid spanning the
     * image, interpolated bilinearly, the source sampled bilinearly (black outside).
     */
    private void warp(SplittableRandom random, double amplitude) {
        int grid = WARP_GRID;
        double[] dx = new double[grid * grid];
        double[] dy = new double[grid * grid];
        for (int k = 0; k < dx.length; k++) {
            dx[k] = uniform(random, -amplitude, amplitude);
            dy[k] = uniform(random, -amplitude, amplitude);
        }
        double cell = (SIDE - 1) / (double) (grid - 1);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double gx = x / cell;
                double gy = y / cell;
                pixels[y * SIDE + x] = (float) sample(spare, x + bilinear(dx, grid, gx, gy),
                        y + bilinear(dy, grid, gx, gy));
            }
        }
    }

    /** {@code values} (a {@code side x side} row-major grid) at the fractional point (x, y), clamped to the grid. */
    private static double bilinear(double[] values, int side, double x, double y) {
        int x0 = Math.min((int) x, side - 2);
        int y0 = Math.min((int) y, side - 2);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fy) * ((1 - fx) * values[y0 * side + x0] + fx * values[y0 * side + x0 + 1])
                + fy * ((1 - fx) * values[(y0 + 1) * side + x0] + fx * values[(y0 + 1) * side + x0 + 1]);
    }

    /** The image at the fractional point (x, y), bilinearly, black outside. */
    private static double sample(float[] image, double x, double y) {
        int x0 = (int) StrictMath.floor(x);
        int y0 = (int) StrictMath.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fy) * ((1 - fx) * at(image, x0, y0) + fx * at(image, x0 + 1, y0))
                + fy * ((1 - fx) * at(image, x0, y0 + 1) + fx * at(image, x0 + 1, y0 + 1));
    }

    private static float at(float[] image, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : image[y * SIDE + x];
    }

    /** A separable [1 2 1] / 4 blur, edges clamped. */
    private void blur() {
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int row = y * SIDE;
                spare[row + x] = (pixels[row + Math.max(x - 1, 0)] + 2 * pixels[row + x]
                        + pixels[row + Math.min(x + 1, SIDE - 1)]) / 4;
            }
        }
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                pixels[y * SIDE + x] = (spare[Math.max(y - 1, 0) * SIDE + x] + 2 * spare[y * SIDE + x]
                        + spare[Math.min(y + 1, SIDE - 1) * SIDE + x]) / 4;
            }
        }
    }

    static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** A standard normal by Box-Muller, written out so the values do not depend on the JDK's own choice. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
    }
}
