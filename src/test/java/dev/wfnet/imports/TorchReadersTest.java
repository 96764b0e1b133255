package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.imports.HostileFiles.Pickle;
import dev.wfnet.imports.pickle.PyTuple;
import dev.wfnet.imports.pickle.Unpickler;
import dev.wfnet.io.HostTensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the readers make of PyTorch's files, value by value. */
class TorchReadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"views.pt", "views-legacy.pt"})
    void viewsOfOneStorageFollowTheirOffsetsAndStrides(String file) throws Exception {
        SourceReader reader = SourceReaders.forFile(ImportFixtures.path(file));
        try (SourceContent content = reader.read(ImportFixtures.path(file))) {
            Map<?, ?> root = (Map<?, ?>) content.root();
            for (String name : List.of("transposed", "rows", "column")) {
                HostTensor expected = NpyReader.read(ImportFixtures.path("views." + name + ".npy"));
                HostTensor actual = ((SourceTensor) root.get(name)).load();
                assertArrayEquals(expected.shape(), actual.shape(), name);
                assertArrayEquals(expected.data(), actual.data(), name);
            }
        }
    }

    @Test
    void readersAreChosenByContentNotByExtension() throws Exception {
        assertEquals("pytorch-zip", SourceReaders.forFile(ImportFixtures.path("lenet-tanh-p4.pth")).id());
        assertEquals("pytorch-legacy", SourceReaders.forFile(ImportFixtures.path("lenet-tanh-legacy-p5.pth")).id());
        assertEquals("torchscript", SourceReaders.forFile(ImportFixtures.path("mnist-net-script.pt")).id());
        assertEquals("safetensors", SourceReaders.forFile(ImportFixtures.path("timm-vit.safetensors")).id());
    }

    @Test
    void plainDataUnpicklesToJavaValues() throws Exception {
        // {'a': [1, 2.5, None, True], 'b': ('x', b'\x01'), 'c': 2**70}
        byte[] pickle = Pickle.protocol2().op('}').unicode("a").op(']', '(').op('K', 1).op('G')
                .raw(ByteBuffer.allocate(8).putDouble(2.5).array()).op('N', 0x88, 'e').op('s')
                .unicode("b").unicode("x").op('C', 1, 1, 0x86, 's')
                .unicode("c").op(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40).op('s', '.').bytes();
        Map<?, ?> root = (Map<?, ?>) Unpickler.load("test", ByteBuffer.wrap(pickle),
                TorchPickleRules.weightsOnly((type, key, elements, view) -> null));
        assertEquals(java.util.Arrays.asList(1L, 2.5, null, true), root.get("a"));
        PyTuple b = (PyTuple) root.get("b");
        assertEquals("x", b.get(0));
        assertArrayEquals(new byte[] {1}, (byte[]) b.get(1));
        assertEquals(java.math.BigInteger.TWO.pow(70), root.get("c"));
        assertTrue(root.keySet().containsAll(List.of("a", "b", "c")));
    }
}
