package dev.wfnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 against the FIPS 180-2 test vectors, for bytes and for files. */
class HashingTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    @TempDir
    Path dir;

    @Test
    void hashesBytesToKnownDigests() {
        assertEquals(ABC, Hashing.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(EMPTY, Hashing.sha256(new byte[0]));
        assertEquals(EMPTY, Hashing.sha256());
    }

    @Test
    void hashesTheConcatenationOfParts() {
        assertEquals(ABC, Hashing.sha256("a".getBytes(StandardCharsets.US_ASCII), new byte[0],
                "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void hashesFilesLargerThanTheReadBuffer() throws Exception {
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        Path file = Files.write(dir.resolve("a.bin"), million);
        assertEquals(MILLION_A, Hashing.sha256(file));
        assertEquals(MILLION_A, Hashing.sha256(million));
        assertEquals(ABC, Hashing.sha256(Files.writeString(dir.resolve("abc.txt"), "abc")));
        assertEquals(EMPTY, Hashing.sha256(Files.write(dir.resolve("empty"), new byte[0])));
    }

    @Test
    void aMissingFileIsADomainError() {
        Path missing = dir.resolve("missing.safetensors");
        WfnetException e = assertThrows(WfnetException.class, () -> Hashing.sha256(missing));
        assertTrue(e.getMessage().startsWith("cannot read " + missing), e.getMessage());
    }
}
