package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.Provenance;
import dev.wfnet.model.SmallCnn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background writer: checkpoints land in order, whole, and a failed write is reported. */
class CheckpointWriterTest {
    private static final Provenance PROVENANCE = new Provenance("untrain", Map.of("model", "0".repeat(64)), 1L,
            Map.of(), Map.of("java", "17"), Instant.parse("2024-05-06T07:08:09Z"), 1.0);

    @TempDir
    Path dir;

    private static BankCheckpoint checkpoint(int step) throws WfnetException {
        BankLayout layout = BankLayout.of(new SmallCnn(new ImageShape(1, 28, 28), 10), new int[] {2, 5},
                Granularity.FILTER, LayerSelection.defaults());
        return new BankCheckpoint(layout, "0".repeat(64), FashionMnist.CLASS_NAMES,
                UntrainConfig.paperReference().build(), step,
                AlphaBankTest.randomAlphas(layout, step, 0f, 1f), AlphaBankTest.randomAlphas(layout, 2, 0f, 1f),
                AlphaBankTest.randomAlphas(layout, 3, 0f, 1f), PROVENANCE);
    }

    @Test
    void theLastCheckpointSubmittedIsTheOneOnDiskOnceFinished() throws Exception {
        Path file = dir.resolve("round.checkpoint.safetensors");
        try (CheckpointWriter writer = new CheckpointWriter()) {
            for (int step = 10; step <= 50; step += 10) {
                writer.submit(checkpoint(step), file);
            }
            writer.finish();
            assertEquals(50, writer.lastWritten());
            assertEquals(50, BankCheckpoint.read(file).step());
            assertTrue(writer.writingSeconds() > 0);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFailedWriteIsReportedByTheNextSubmitOrByFinish() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Path impossible = notADirectory.resolve("round.checkpoint.safetensors");
        try (CheckpointWriter writer = new CheckpointWriter()) {
            writer.submit(checkpoint(10), impossible);
            assertThrows(WfnetException.class, () -> writer.submit(checkpoint(20), dir.resolve("ok.safetensors")));
            writer.finish();
            writer.submit(checkpoint(30), impossible);
            WfnetException failure = assertThrows(WfnetException.class, writer::finish);
            assertTrue(failure.getMessage().contains("file"), failure.getMessage());
            assertEquals(-1, writer.lastWritten());
        }
    }
}
