package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;

/**
 * A source file that is a model the import can run (a TensorFlow SavedModel through TensorFlow
 * Java): its own outputs on probe inputs are the reference the imported network must reproduce.
 * A reader offers it as its {@link SourceContent#resource()}.
 */
interface SourceModel {

    /** The source's input shape in its own layout, the batch (-1) first. */
    long[] inputShape();

    /** Runs the model on inputs in its own layout (the batch first); returns N x outputs. */
    HostTensor run(HostTensor inputs) throws WfnetException;

    /** What ran, for the report ("the SavedModel's serving signature 'serving_default'"). */
    String description();
}
