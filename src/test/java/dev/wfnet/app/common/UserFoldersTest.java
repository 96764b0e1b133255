package dev.wfnet.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes are proposed in a folder the user may write to, else in their home folder. */
class UserFoldersTest {
    @Test
    void aWritableFolderIsKeptAnythingElseIsTheHomeFolder(@TempDir Path folder) throws Exception {
        Path home = Path.of(System.getProperty("user.home"));
        assertEquals(folder, UserFolders.writableOrHome(folder));
        assertEquals(home, UserFolders.writableOrHome(folder.resolve("missing")));
        assertEquals(home, UserFolders.writableOrHome(Files.createFile(folder.resolve("a-file"))));
        assertEquals(home, UserFolders.writableOrHome(null));
    }
}
