package dev.wfnet.app.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The workbench's icons, one name per meaning, so a view never picks its own glyph for "export". */
public enum Icons {
    OPEN(MaterialDesignF.FOLDER_OPEN), SAVE(MaterialDesignC.CONTENT_SAVE), EXPORT(MaterialDesignE.EXPORT),
    DOWNLOAD(MaterialDesignF.FILE_DOWNLOAD), START(MaterialDesignP.PLAY), STOP(MaterialDesignS.STOP),
    RESUME(MaterialDesignR.RESTORE), DATA(MaterialDesignD.DATABASE), MODEL(MaterialDesignC.CHIP),
    UNTRAIN(MaterialDesignB.BRAIN), ALPHA_MAPS(MaterialDesignG.GRID), MAPPING(MaterialDesignS.SITEMAP),
    FORGET(MaterialDesignE.ERASER), BANK(MaterialDesignF.FILE_CHART),
    COMPARE(MaterialDesignS.SCALE_BALANCE);

    private final Ikon ikon;

    Icons(Ikon ikon) {
        this.ikon = ikon;
    }

    /** A new node showing the icon (a node has one parent, so every use needs its own). */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("wf-icon");
        return icon;
    }
}
