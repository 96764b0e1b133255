package dev.wfnet.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.FeatureMapNetwork;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ParameterSource;
import dev.wfnet.model.TorchRuntime;

/**
 * Saliency maps of the original model on its last convolutional layer
 * ({@link FeatureMapNetwork#featureLayer()}), each {@code height x width} of the input, in [0, 1]:
 * <ul>
 *   <li>alpha saliency: the activation maps weighted by how far class c's bank row switches each
 *       filter of that layer off, {@code 1 - mean alpha over the filter's kernel} (at filter
 *       granularity the kernel is one alpha). The bank's view of "what makes this class".</li>
 *   <li>Grad-CAM (Selvaraju et al. 2017): weighted by the spatial mean of the gradient of class
 *       c's logit with respect to each map. The model's own view, the usual reference.</li>
 * </ul>
 * Both then go through {@link ClassActivationMap}. Images are normalised inputs, {@code C x H x W}
 * floats per image (see {@link #inputs}). Every array a call creates is closed with its {@code NDScope}.
 */
public final class AlphaSaliency {
    private final FeatureMapNetwork network;
    private final ParameterSource weights;
    private final Normalization normalization;
    private final NDManager manager;
    private final BankRows rows;
    private final LayerAlphas featureAlphas;

    private AlphaSaliency(FeatureMapNetwork network, ParameterSource weights, Normalization normalization,
                          NDManager manager, BankRows rows, LayerAlphas featureAlphas) {
        this.network = network;
        this.weights = weights;
        this.normalization = normalization;
        this.manager = manager;
        this.rows = rows;
        this.featureAlphas = featureAlphas;
    }

    /** Whether an architecture has the convolutional layer these maps need. */
    public static boolean supports(Architecture architecture) {
        return architecture instanceof FeatureMapNetwork;
    }

    /** Saliency of a loaded model explained by a bank trained on it. */
    public static AlphaSaliency of(LoadedModel model, AlphaView bank) throws WfnetException {
        return of(model.architecture(), model.weights(), model.checkpoint().normalization(), model.manager(), bank);
    }

    /**
     * Saliency of a network under explicit weights.
     *
     * @param manager where each call's inputs are created (and closed after the call); stays open, owned by
     *     the caller
     */
    public static AlphaSaliency of(Architecture architecture, ParameterSource weights, Normalization normalization,
                                   NDManager manager, AlphaView bank) throws WfnetException {
        if (!(architecture instanceof FeatureMapNetwork network)) {
            throw new WfnetException("architecture " + architecture.spec().id() + " has no convolutional layer for"
                    + " saliency; alpha saliency and Grad-CAM work on small-cnn, resnet20 and resnet18");
        }
        FeatureMapNetwork.FeatureLayer layer = network.featureLayer();
        LayerAlphas alphas = bank.layers().stream().filter(l -> l.name().equals(layer.weight())).findFirst()
                .orElseThrow(() -> new WfnetException("the bank does not filter " + layer.weight() + ", the last"
                        + " convolutional layer, so it says nothing about its maps; alpha saliency needs a bank"
                        + " trained with that layer filtered (the default layer selection does)"));
        if (alphas.filters() != layer.channels()) {
            throw new WfnetException("the bank's " + layer.weight() + " has " + alphas.filters() + " filters, the"
                    + " model's layer " + layer.name() + " has " + layer.channels() + " channels");
        }
        return new AlphaSaliency(network, weights, normalization, manager, bank.rows(), alphas);
    }

    public FeatureMapNetwork.FeatureLayer featureLayer() {
        return network.featureLayer();
    }

    /** The model classes the bank has a row for, the only ones alpha saliency can explain. */
    public java.util.Set<Integer> bankClasses() {
        return java.util.Arrays.stream(rows.modelClasses()).boxed().collect(java.util.stream.Collectors.toSet());
    }

    public ImageShape inputShape() {
        return network.inputShape();
    }

    /** Images of a dataset as this model's normalised inputs, concatenated. */
    public float[] inputs(ImageDataset data, int... indices) {
        float[] out = new float[indices.length * data.shape().pixelCount()];
        normalization.fill(data, indices, 0, indices.length, out);
        return out;
    }

    /** A baseline's value in this model's normalised input space, one per channel. */
    public float[] baselineInput(PerturbationBaseline baseline) {
        float[] values = new float[inputShape().channels()];
        if (baseline == PerturbationBaseline.BLACK) {
            for (int c = 0; c < values.length; c++) {
                values[c] = (float) (-normalization.mean()[c] / normalization.std()[c]);
            }
        }
        return values;
    }

    /**
     * How strongly class c's bank row switches each filter of the feature layer off:
     * {@code 1 - mean alpha} of the filter, so a filter the row leaves alone weighs 0.
     */
    public double[] alphaWeights(int modelClass) throws WfnetException {
        int row = rows.rowOf(modelClass);
        if (row < 0) {
            throw new WfnetException("the bank has no row for class " + modelClass + "; it forgets only classes "
                    + java.util.Arrays.toString(rows.modelClasses()));
        }
        double[] weights = new double[featureAlphas.filters()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = 1 - featureAlphas.filterMean(row, k);
        }
        return weights;
    }

    /** The alpha saliency of one image for a class. */
    public float[][] map(float[] image, int modelClass) throws WfnetException {
        return maps(image, new int[] {modelClass}).alpha()[0];
    }

    /** The Grad-CAM map of one image for a class. */
    public float[][] gradCam(float[] image, int modelClass) throws WfnetException {
        return maps(image, new int[] {modelClass}).gradCam()[0];
    }

    /**
     * Both maps for a batch: {@code images} holds {@code classes.length} normalised inputs, image i
     * explained for {@code classes[i]}. One forward pass and one backward pass serve the batch.
     */
    public Maps maps(float[] images, int[] classes) throws WfnetException {
        Activations activations = activations(images, classes);
        ImageShape input = inputShape();
        int count = classes.length;
        float[][][] alpha = new float[count][][];
        float[][][] gradCam = new float[count][][];
        double[][] gradCamWeights = activations.gradCamWeights();
        for (int i = 0; i < count; i++) {
            alpha[i] = ClassActivationMap.of(activations.maps[i], activations.height, activations.width,
                    alphaWeights(classes[i]), input.height(), input.width());
            gradCam[i] = ClassActivationMap.of(activations.maps[i], activations.height, activations.width,
                    gradCamWeights[i], input.height(), input.width());
        }
        return new Maps(alpha, gradCam);
    }

    /** Grad-CAM's channel weights of each image: the spatial mean of d logit(class) / d map. */
    public double[][] gradCamWeights(float[] images, int[] classes) {
        return activations(images, classes).gradCamWeights();
    }

    /** Softmax probability of {@code modelClass} for each of {@code count} normalised inputs. */
    float[] classProbabilities(float[] images, int count, int modelClass) {
        try (NDScope scope = new NDScope()) {
            NDArray input = EngineValues.copyOf(manager, images, count * inputShape().pixelCount(),
                    new Shape(inputShape().asBatchShape(count)));
            NDArray probabilities = network.forward(weights, input, false).softmax(1);
            return probabilities.get(":, " + modelClass).toFloatArray();
        }
    }

    /**
     * The feature maps and the gradient of each image's class logit with respect to them. The maps
     * are computed first and detached, so the backward pass runs through the head alone.
     */
    private Activations activations(float[] images, int[] classes) {
        ImageShape input = inputShape();
        int count = classes.length;
        if (images.length != count * input.pixelCount()) {
            throw new IllegalArgumentException(images.length + " floats are not " + count + " images of " + input);
        }
        try (NDScope scope = new NDScope()) {
            NDArray batch = EngineValues.copyOf(manager, images, new Shape(input.asBatchShape(count)));
            NDArray features = network.features(weights, batch).stopGradient();
            features.setRequiresGradient(true);
            float[] oneHot = new float[count * network.classCount()];
            for (int i = 0; i < count; i++) {
                oneHot[i * network.classCount() + classes[i]] = 1f;
            }
            NDArray selector = EngineValues.copyOf(manager, oneHot, new Shape(count, network.classCount()));
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                // the sum of each image's own class logit: images do not interact, so each gradient is its own
                collector.backward(network.head(weights, features).mul(selector).sum());
            }
            long[] shape = features.getShape().getShape();
            return new Activations(split(features.toFloatArray(), count), split(features.getGradient().toFloatArray(),
                    count), (int) shape[1], (int) shape[2], (int) shape[3]);
        }
    }

    private static float[][] split(float[] flat, int count) {
        int per = flat.length / count;
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        }
        return out;
    }

    /**
     * Both maps of a batch of images.
     *
     * @param alpha {@code images x height x width}
     * @param gradCam {@code images x height x width}
     */
    public record Maps(float[][][] alpha, float[][][] gradCam) {
    }

    /** Heap copies of a batch's feature maps and their gradients, {@code images x (channels * h * w)}. */
    private record Activations(float[][] maps, float[][] gradients, int channels, int height, int width) {
        double[][] gradCamWeights() {
            int plane = height * width;
            double[][] weights = new double[gradients.length][channels];
            for (int i = 0; i < gradients.length; i++) {
                for (int k = 0; k < channels; k++) {
                    double sum = 0;
                    for (int p = 0, offset = k * plane; p < plane; p++) {
                        sum += gradients[i][offset + p];
                    }
                    weights[i][k] = sum / plane;
                }
            }
            return weights;
        }
    }
}
