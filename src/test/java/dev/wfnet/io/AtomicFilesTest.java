package dev.wfnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write either replaces the file whole or leaves the old one exactly as it was, with no debris. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesANewFileAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("sub/dir/result.json");
        AtomicFiles.writeString(target, "{\"a\": 1}\n");
        assertEquals("{\"a\": 1}\n", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of("result.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void replacesAnExistingFileWhole() throws Exception {
        Path target = dir.resolve("data.bin");
        Files.writeString(target, "a much longer original content than the replacement");
        AtomicFiles.writeString(target, "short");
        assertEquals("short", Files.readString(target));
        assertEquals(List.of("data.bin"), listing());
    }

    @Test
    void aWriteFailingMidwayLeavesTheExistingFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "original");
        IOException failure = new IOException("device went away");

        WfnetException e = assertThrows(WfnetException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]); // more than the buffer: part of it reached the temporary file
            throw failure;
        }));

        assertSame(failure, e.getCause());
        assertEquals("cannot write " + target + ": IOException device went away (any existing file was left"
                + " untouched)", e.getMessage());
        assertEquals("original", Files.readString(target));
        assertEquals(List.of("model.safetensors"), listing());
    }

    @Test
    void aFullDiskIsNamedAsSuch() throws Exception {
        Path target = dir.resolve("full.bin");
        WfnetException e = assertThrows(WfnetException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": the disk is full (any existing file was left untouched)",
                e.getMessage());
        assertEquals(List.of(), listing());
    }

    @Test
    void anUncheckedFailureMidwayAlsoLeavesTheExistingFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("report.csv");
        Files.writeString(target, "original");
        UncheckedIOException failure = new UncheckedIOException(new IOException("stream broke"));

        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target,
                out -> {
                    out.write("partial".getBytes(StandardCharsets.UTF_8));
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertEquals("original", Files.readString(target));
        assertEquals(List.of("report.csv"), listing());
    }

    @Test
    void aParentThatIsARegularFileFailsAndLosesNothing() throws Exception {
        Path blocker = dir.resolve("notadir");
        Files.writeString(blocker, "keep me");
        Path target = blocker.resolve("out.json");

        WfnetException e = assertThrows(WfnetException.class, () -> AtomicFiles.writeString(target, "new"));

        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(any existing file was left untouched)"), e.getMessage());
        assertEquals("keep me", Files.readString(blocker));
        assertEquals(List.of("notadir"), listing());
    }

    @Test
    void theWrittenFileHasAnOrdinaryNewFilesPermissionsNotOwnerOnly() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("reference")); // permissions from the umask
        Path target = dir.resolve("model.safetensors");
        AtomicFiles.writeString(target, "weights");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
    }

    @Test
    void writesRelativePaths() throws Exception {
        Path relative = Path.of("target", "atomic-files-test-" + ProcessHandle.current().pid() + ".txt");
        try {
            AtomicFiles.writeString(relative, "relative");
            assertEquals("relative", Files.readString(relative));
        } finally {
            Files.deleteIfExists(relative);
        }
    }
}
