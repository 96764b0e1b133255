package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loading refuses tensors that do not fit the architecture, saying which and why. */
@ExtendWith(NativeManagerExtension.class)
class NetworkWeightsLoadTest {
    private final Architecture mlp = new Mlp(new ImageShape(1, 2, 2), 3, 5);
    private NDManager manager;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    private Map<String, HostTensor> fitting() {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec spec : mlp.parameters()) {
            tensors.put(spec.name(), new HostTensor(spec.shape(), new float[(int) spec.elementCount()]));
        }
        return tensors;
    }

    @Test
    void loadsTensorsThatFit() throws Exception {
        NetworkWeights weights = NetworkWeights.load(mlp, fitting(), manager, "model.safetensors");
        assertEquals(fitting(), weights.toHost());
    }

    @Test
    void refusesAMissingTensor() {
        Map<String, HostTensor> tensors = fitting();
        tensors.remove("fc2.bias");
        WfnetException e = assertThrows(WfnetException.class,
                () -> NetworkWeights.load(mlp, tensors, manager, "model.safetensors"));
        assertEquals("model.safetensors does not fit mlp{hidden=5}: missing parameter fc2.bias (3)", e.getMessage());
    }

    @Test
    void refusesAWrongShape() {
        Map<String, HostTensor> tensors = fitting();
        tensors.put("fc1.weight", new HostTensor(new long[] {4, 5}, new float[20]));
        WfnetException e = assertThrows(WfnetException.class,
                () -> NetworkWeights.load(mlp, tensors, manager, "model.safetensors"));
        assertEquals("model.safetensors does not fit mlp{hidden=5}: fc1.weight has shape 4x5, mlp expects 5x4",
                e.getMessage());
    }

    @Test
    void refusesAnUnexpectedTensor() {
        Map<String, HostTensor> tensors = fitting();
        tensors.put("fc3.weight", new HostTensor(new long[] {3, 3}, new float[9]));
        WfnetException e = assertThrows(WfnetException.class,
                () -> NetworkWeights.load(mlp, tensors, manager, "model.safetensors"));
        assertEquals("model.safetensors does not fit mlp{hidden=5}: unexpected tensor fc3.weight", e.getMessage());
    }

    @Test
    void refusesABatchNormCheckpointWithoutRunningStatistics() throws Exception {
        Architecture resnet = ArchitectureCatalog.create(ArchitectureSpec.of("resnet20", Map.of("depth", "8", "width", "2")),
                new ImageShape(1, 4, 4), 2);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec spec : resnet.parameters()) {
            if (spec.trainable()) {
                tensors.put(spec.name(), new HostTensor(spec.shape(), new float[(int) spec.elementCount()]));
            }
        }
        WfnetException e = assertThrows(WfnetException.class,
                () -> NetworkWeights.load(resnet, tensors, manager, "weights-only.safetensors"));
        assertEquals("weights-only.safetensors does not fit resnet20{depth=8, width=2}: missing parameter"
                + " bn1.running_mean (2); missing parameter bn1.running_var (2); missing parameter"
                + " layer1.0.bn1.running_mean (2); missing parameter layer1.0.bn1.running_var (2); missing parameter"
                + " layer1.0.bn2.running_mean (2); and 13 more", e.getMessage());
    }
}
