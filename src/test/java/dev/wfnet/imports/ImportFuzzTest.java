package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.HostileFiles.Pickle;
import dev.wfnet.model.ArchitectureSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile files: truncated, bit-flipped, oversized, disallowed globals and calls,
 * storages out of bounds, zip bombs and entry names that leave the archive. Every one ends in a
 * one-line domain error that names the problem, or (for a flip inside weight values, which no
 * format can notice) in an import; never in another exception, an out-of-memory error or a crash.
 */
class ImportFuzzTest {
    private static final long[] ONE = {1};

    @TempDir
    Path dir;

    private final ImportFixtures.Fixture mnist = ImportFixtures.named("mnist-net");

    private String assertRefused(Path file, String fragment) {
        return HostileFiles.assertRefused(file, mnist.settings(), fragment);
    }

    private boolean importsOrRefuses(Path file) {
        return HostileFiles.importsOrRefuses(file, mnist.settings());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path pickleZip(String name, byte[] pickle) throws IOException {
        return HostileFiles.torchZip(dir.resolve(name), pickle, Map.of("0", HostileFiles.floats(4)));
    }

    // ---- damaged files -----------------------------------------------------------------------------

    @Test
    void everyTruncationOfEveryFormatIsRefused() throws IOException {
        for (String name : List.of("mnist-net.pt", "mnist-net-legacy.pt", "mnist-net-script.pt",
                "mnist-net.safetensors")) {
            byte[] whole = Files.readAllBytes(mnist.file(name));
            Random random = new Random(name.hashCode());
            for (int i = 0; i < 25; i++) {
                int length = i < 5 ? i * 3 : random.nextInt(whole.length - 1);
                Path cut = write("cut-" + i + "-" + name, Arrays.copyOf(whole, length));
                assertFalse(importsOrRefuses(cut), name + " cut to " + length + " bytes imported");
            }
        }
    }

    @Test
    void bitFlipsEndInAnImportOrADomainError() throws IOException {
        for (String name : List.of("mnist-net.pt", "mnist-net-legacy.pt", "mnist-net-script.pt",
                "mnist-net.safetensors")) {
            byte[] whole = Files.readAllBytes(mnist.file(name));
            Random random = new Random(name.hashCode() + 1);
            int refused = 0;
            for (int i = 0; i < 60; i++) {
                byte[] flipped = whole.clone();
                // half the flips land in the first 4 KB, where the headers and pickles are
                int at = i % 2 == 0 ? random.nextInt(Math.min(4096, whole.length)) : random.nextInt(whole.length);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                refused += importsOrRefuses(write("flip-" + i + "-" + name, flipped)) ? 0 : 1;
            }
            assertTrue(refused > 0, name + ": no flip was noticed at all");
        }
    }

    @Test
    void mutatedPicklesInsideAValidArchiveEndInAnImportOrADomainError() throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(mnist.file("mnist-net.pt"));
        String pickleName = entries.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
        byte[] pickle = entries.get(pickleName);
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] mutated = pickle.clone();
            switch (i % 3) {
                case 0 -> mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                default -> mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            copy.put(pickleName, mutated);
            importsOrRefuses(HostileFiles.zip(dir.resolve("mutated-" + i + ".pt"), copy, false));
        }
    }

    @Test
    void filesOfNoKnownFormatAreRefusedSayingWhatTheySeemToBe() throws IOException {
        assertRefused(write("empty.pth", new byte[0]), "it is empty");
        assertRefused(write("plain.pkl", Pickle.protocol2().op('N', '.').bytes()), "plain Python pickle");
        assertRefused(write("model.h5", new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}), "HDF5");
        assertRefused(HostileFiles.zip(dir.resolve("other.zip"), Map.of("readme.txt", new byte[3]), false),
                "not a format the import reads");
        assertRefused(write("text.pth", "hello".getBytes(StandardCharsets.UTF_8)), "not a format the import reads");
    }

    // ---- disallowed globals and calls ----------------------------------------------------------------

    @Test
    void globalsThatWouldRunCodeAreRefusedByName() throws IOException {
        Map<String, String[]> hostile = new LinkedHashMap<>();
        hostile.put("os-system", new String[] {"os", "system"});
        hostile.put("posix-system", new String[] {"posix", "system"});
        hostile.put("builtins-eval", new String[] {"builtins", "eval"});
        hostile.put("builtin-exec", new String[] {"__builtin__", "exec"});
        hostile.put("subprocess", new String[] {"subprocess", "Popen"});
        hostile.put("torch-load", new String[] {"torch", "load"});
        hostile.put("copyreg", new String[] {"copyreg", "_reconstructor"});
        hostile.put("numpy", new String[] {"numpy.core.multiarray", "_reconstruct"});
        for (Map.Entry<String, String[]> entry : hostile.entrySet()) {
            String module = entry.getValue()[0];
            String name = entry.getValue()[1];
            byte[] pickle = Pickle.protocol2().global(module, name).unicode("touch /tmp/pwned").op(0x85, 'R', '.')
                    .bytes();
            String message = assertRefused(pickleZip(entry.getKey() + ".pt", pickle), module + "." + name);
            assertTrue(message.contains("weights-only load refuses"), message);
        }
        // the same global reached by STACK_GLOBAL (protocol 4)
        byte[] stackGlobal = new Pickle().op(0x80, 4).unicode("os").unicode("system").op(0x93).unicode("id")
                .op(0x85, 'R', '.').bytes();
        assertRefused(pickleZip("stack-global.pt", stackGlobal), "os.system");
        assertFalse(Files.exists(Path.of("/tmp/pwned")));
    }

    @Test
    void oldInstanceOpcodesAndTheExtensionRegistryAreRefused() throws IOException {
        assertRefused(pickleZip("inst.pt", Pickle.protocol2().op('(').raw("ios\nsystem\n".getBytes(StandardCharsets.UTF_8))
                .op('.').bytes()), "INST");
        assertRefused(pickleZip("obj.pt", Pickle.protocol2().op('(').global("collections", "OrderedDict").op('o', '.')
                .bytes()), "OBJ");
        assertRefused(pickleZip("ext.pt", Pickle.protocol2().op(0x82, 1, '.').bytes()), "extension-registry");
    }

    @Test
    void callsAndObjectsOutsideTheWeightsOnlySetAreRefused() throws IOException {
        // REDUCE on an allowed global that is not a function
        assertRefused(pickleZip("reduce-storage.pt", Pickle.protocol2().global("torch", "FloatStorage")
                .op(')', 'R', '.').bytes()), "calling torch.FloatStorage is not allowed");
        // NEWOBJ of a tensor class
        assertRefused(pickleZip("newobj.pt", Pickle.protocol2().global("torch", "Tensor").op(')', 0x81, '.').bytes()),
                "creating a torch.Tensor object is not allowed");
        // BUILD on a list
        assertRefused(pickleZip("build.pt", Pickle.protocol2().op(']', '}', 'b', '.').bytes()),
                "setting the state of a list is not allowed");
        // a persistent id that is not a storage
        assertRefused(pickleZip("persid.pt", Pickle.protocol2().op('(').unicode("module").unicode("x").op('t', 'Q', '.')
                .bytes()), "persistent id other than a storage");
        // a whole model, pickled
        byte[] module = Pickle.protocol2().global("__main__", "Net").op(')', 0x81, '}', 'b', '.').bytes();
        assertRefused(pickleZip("module.pt", module), "whole pickled model (class __main__.Net)");
        // TorchScript's module objects are data only inside a TorchScript archive
        byte[] script = Pickle.protocol2().global("__torch__", "Net").op(')', 0x81, '}', 'b', '.').bytes();
        assertRefused(pickleZip("script-class.pt", script), "__torch__.Net");
    }

    // ---- oversized ---------------------------------------------------------------------------------

    @Test
    void lengthsAndSizesBeyondTheFileOrTheLimitsAreRefusedBeforeAllocating() throws IOException {
        byte[] hugeString = Pickle.protocol2().op('X', 0xF0, 0xFF, 0xFF, 0x7F).raw(new byte[16]).op('.').bytes();
        assertRefused(pickleZip("huge-string.pt", hugeString), "runs past the end of the data");
        byte[] hugeBytes = Pickle.protocol2().op(0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40).op('.').bytes();
        assertRefused(pickleZip("huge-bytes.pt", hugeBytes), "runs past the end of the data");
        byte[] hugeLong = Pickle.protocol2().op(0x8b, 0xFF, 0xFF, 0xFF, 0x7F).op('.').bytes();
        assertRefused(pickleZip("huge-long.pt", hugeLong), "runs past the end of the data");
        Pickle marks = Pickle.protocol2();
        for (int i = 0; i < 20_000; i++) {
            marks.op('(');
        }
        assertRefused(pickleZip("marks.pt", marks.op('.').bytes()), "nested MARKs");
        Pickle dups = Pickle.protocol2().op('N');
        for (int i = 0; i < (1 << 20) + 5; i++) {
            dups.op('2');
        }
        assertRefused(pickleZip("dups.pt", dups.op('.').bytes()), "values on the stack");
        byte[] tensorTooLarge = Pickle.stateDict("w", "0", 4, 0, new long[] {1 << 20, 1 << 20, 1 << 10},
                new long[] {0, 0, 0});
        assertRefused(pickleZip("huge-tensor.pt", tensorTooLarge), "too large to load");
        byte[] manyDims = Pickle.stateDict("w", "0", 4, 0, new long[20], new long[20]);
        assertRefused(pickleZip("many-dims.pt", manyDims), "dimensions");
        byte[] unreadMemo = Pickle.protocol2().op('h', 9, '.').bytes();
        assertRefused(pickleZip("memo.pt", unreadMemo), "memo entry 9 is read before it is written");
    }

    @Test
    void aSelfContainingListAsAKeyIsRefusedNotHashedForever() throws IOException {
        // L = []; L.append(L); {(L,): 1}
        byte[] cyclic = Pickle.protocol2().op('}', ']', 'q', 0, 'h', 0, 'a', 0x85).op('K', 1, 's', '.').bytes();
        assertRefused(pickleZip("cyclic.pt", cyclic), "cannot be a dict key");
    }

    // ---- storages ----------------------------------------------------------------------------------

    @Test
    void tensorsReachingOutsideTheirStorageAreRefused() throws IOException {
        assertRefused(pickleZip("past-end.pt", Pickle.stateDict("w", "0", 4, 0, new long[] {5}, ONE)),
                "reaches element 4 of storage '0', which holds 4");
        assertRefused(pickleZip("offset.pt", Pickle.stateDict("w", "0", 4, 3, new long[] {2}, ONE)),
                "reaches element 4");
        assertRefused(pickleZip("stride.pt", Pickle.stateDict("w", "0", 4, 0, new long[] {2, 2}, new long[] {3, 1})),
                "reaches element 4");
        assertRefused(pickleZip("negative-stride.pt", Pickle.stateDict("w", "0", 4, 0, new long[] {2}, new long[] {-1})),
                "negative size or stride");
        assertRefused(pickleZip("overflow.pt", Pickle.stateDict("w", "0", 4, 0, new long[] {2, 2},
                new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE})), "reaches element");
        // the pickle says 8 elements, the entry holds 4
        assertRefused(pickleZip("numel.pt", Pickle.stateDict("w", "0", 8, 0, new long[] {8}, ONE)),
                "is said to hold 8 F32 values (32 bytes) but its entry holds 16 bytes");
        assertRefused(pickleZip("missing.pt", Pickle.stateDict("w", "7", 4, 0, new long[] {4}, ONE)),
                "which the archive does not hold");
        assertRefused(pickleZip("key.pt", Pickle.stateDict("w", "../../etc/passwd", 4, 0, new long[] {4}, ONE)),
                "is not a plain name");
    }

    @Test
    void aConsistentButForeignStateDictIsRefusedAsNotFittingTheArchitecture() throws IOException {
        // a well-formed file whose weights are not the named architecture's: refused by name and shape
        String message = assertRefused(pickleZip("foreign.pt", Pickle.stateDict("fc.weight", "0", 4, 0,
                new long[] {2, 2}, new long[] {2, 1})), "the layer list has 4 layers with weights (Conv2d, Conv2d,"
                + " Linear, Linear)");
        assertTrue(message.endsWith("has 1 (fc Linear)"), message);
    }

    // ---- zip containers ------------------------------------------------------------------------------

    @Test
    void entryNamesOutsideTheArchiveAreRefused() throws IOException {
        for (String name : List.of("../archive/data.pkl", "/archive/data.pkl", "archive/../../data.pkl",
                "C:/archive/data.pkl", "archive\\..\\data.pkl")) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("archive/data.pkl", Pickle.protocol2().op('}', '.').bytes());
            entries.put(name, new byte[1]);
            Path file = HostileFiles.zip(dir.resolve("traversal.pt"), entries, false);
            assertRefused(file, "a path outside the archive");
        }
    }

    @Test
    void zipBombsAndLyingSizesAreRefusedWithoutInflating() throws IOException {
        // 64 MB of zeros deflate to about 64 KB: far beyond the 16x ratio allowed, for a storage
        byte[] zeros = new byte[64 << 20];
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", Pickle.stateDict("w", "0", zeros.length / 4, 0, new long[] {zeros.length / 4},
                ONE));
        entries.put("archive/data/0", zeros);
        Path bomb = HostileFiles.zip(dir.resolve("bomb.pt"), entries, true);
        assertTrue(Files.size(bomb) < 1 << 20);
        assertRefused(bomb, "possible zip bomb");
        // and for the pickle itself
        Path pickleBomb = HostileFiles.zip(dir.resolve("pickle-bomb.pt"), Map.of("archive/data.pkl",
                new byte[8 << 20]), true);
        assertRefused(pickleBomb, "possible zip bomb");
        // a pickle larger than any state_dict's
        Path bigPickle = HostileFiles.zip(dir.resolve("big-pickle.pt"), Map.of("archive/data.pkl",
                new byte[17 << 20]), false);
        assertRefused(bigPickle, "more than the");
    }

    @Test
    void anArchiveWithSeveralTopLevelPicklesIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a/data.pkl", Pickle.protocol2().op('}', '.').bytes());
        entries.put("b/data.pkl", Pickle.protocol2().op('}', '.').bytes());
        assertRefused(HostileFiles.zip(dir.resolve("two.pt"), entries, false), "2 top-level data.pkl entries");
    }

    @Test
    void nothingIsEverWrittenByARefusedImport() throws IOException {
        long before;
        try (var files = Files.list(dir)) {
            before = files.count();
        }
        Path hostile = pickleZip("hostile.pt", Pickle.protocol2().global("os", "system").op('.').bytes());
        assertRefused(hostile, "os.system");
        try (var files = Files.list(dir)) {
            assertEquals(before + 1, files.count(), "only the hostile file itself");
        }
        assertEquals(ArchitectureSpec.of("sequential").id(), mnist.spec().id());
    }
}
