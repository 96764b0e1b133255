package dev.wfnet.app;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The workbench's icon at the sizes a window manager picks from; the PNGs of assets/icons, which
 * the build copies onto the classpath (pom.xml) and the installer into the desktop's icon theme.
 */
final class AppIcon {
    static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcon() {
    }

    /** The icon at {@code size} pixels, or null when this build has no such file. */
    static Image of(int size) {
        InputStream in = AppIcon.class.getResourceAsStream("icons/wfnet-workbench-" + size + ".png");
        return in == null ? null : new Image(in);
    }

    /** Every size there is, smallest first. */
    static List<Image> all() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            Image image = of(size);
            if (image != null) {
                images.add(image);
            }
        }
        return images;
    }
}
