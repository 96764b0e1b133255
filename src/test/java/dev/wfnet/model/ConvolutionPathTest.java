package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConvolutionPathTest {

    @Test
    void theKernelIsReadFromTheOperatorsTheProfilerRecorded() {
        assertEquals(Optional.of("aten::mkldnn_convolution"), ConvolutionPath.kernelIn(List.of("aten::conv2d",
                "aten::convolution", "aten::_convolution", "aten::mkldnn_convolution", "aten::empty")));
        assertEquals(Optional.of("aten::_slow_conv2d_forward"), ConvolutionPath.kernelIn(List.of("aten::conv2d",
                "aten::_slow_conv2d_forward", "aten::addmm")));
        assertEquals(Optional.empty(), ConvolutionPath.kernelIn(List.of("aten::addmm")));
        assertEquals("unknown (the profiler recorded no known kernel)", ConvolutionPath.describe(Optional.empty()));
    }

    @Test
    void theEngineNamesOneOfTheKnownKernelsForBothLayouts() {
        for (MemoryLayout layout : MemoryLayout.values()) {
            Optional<String> kernel = ConvolutionPath.of(16, 4, 8, 8, layout);
            assertTrue(kernel.isPresent(), layout + ": " + kernel);
        }
    }
}
