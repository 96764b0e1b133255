package dev.wfnet.app.common;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the window proposes to write: beside the file the user works on when they may write
 * there, else in their home folder. An installed copy keeps its sample models read-only, so a bank
 * trained from the sample, a session or an export must not be proposed next to it.
 */
public final class UserFolders {
    private UserFolders() {
    }

    /** {@code folder} if it is a folder this user may write into, else the user's home folder. */
    public static Path writableOrHome(Path folder) {
        if (folder != null && Files.isDirectory(folder) && Files.isWritable(folder)) {
            return folder;
        }
        return Path.of(System.getProperty("user.home"));
    }
}
