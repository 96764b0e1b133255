package dev.wfnet.eval;

import dev.wfnet.data.ImageDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.LibSVMModel;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * MIA-efficacy as in Unlearn-Sparse / SalUn ({@code evaluation/SVC_MIA.py}, the "confidence"
 * attack): an RBF support vector machine (C = 3, gamma = 1, which is scikit-learn's {@code 'auto'}
 * for one feature) learns to tell members (training images of the retained classes) from
 * non-members (test images of the retained classes), equal counts of each, by one feature: the
 * model's softmax probability of the true label. It is then applied to the forgotten class's
 * training images; the efficacy is the share it calls non-members. A model that never saw the
 * class scores near 1; a model that still remembers it, near 0. The attacker is trained anew on
 * each model's own outputs. The SVM is LIBSVM through Tribuo.
 */
public final class MembershipInference {
    /** LIBSVM's C, the reference's {@code SVC(C=3)}. */
    public static final double COST = 3;
    /** The RBF width: scikit-learn's {@code gamma='auto'} is 1 / features, and there is one feature. */
    public static final double GAMMA = 1;
    private static final String FEATURE = "true_label_probability";
    private static final Label MEMBER = new Label("member");
    private static final Label NON_MEMBER = new Label("non-member");

    /**
     * What the attack found.
     *
     * @param efficacy the share of target images predicted non-member, in [0, 1]
     * @param members member images the attacker was trained on
     * @param nonMembers non-member images it was trained on
     * @param targetConfidence each target image's feature (its true-label probability)
     * @param targetMember whether the attacker called each target image a member
     */
    public record Result(double efficacy, int members, int nonMembers, double[] targetConfidence,
                         boolean[] targetMember) {
        public Result {
            targetConfidence = targetConfidence.clone();
            targetMember = targetMember.clone();
        }

        @Override
        public double[] targetConfidence() {
            return targetConfidence.clone();
        }

        @Override
        public boolean[] targetMember() {
            return targetMember.clone();
        }
    }

    static {
        // LIBSVM prints every fit's optimiser statistics to standard output
        libsvm.svm.svm_set_print_string_function(text -> { });
    }

    private MembershipInference() {
    }

    /**
     * Trains the attacker on {@code members} and {@code nonMembers} (true-label probabilities) and
     * applies it to {@code targets}. Both training sets are subsampled, seeded, to the same count:
     * the smaller one's size (the reference trains on equal counts), or {@code maxPerSide} if that
     * is smaller and not 0.
     */
    public static Result attack(double[] members, double[] nonMembers, double[] targets, int maxPerSide, long seed) {
        if (members.length == 0 || nonMembers.length == 0) {
            throw new IllegalArgumentException("the attacker needs members and non-members, got " + members.length
                    + " and " + nonMembers.length);
        }
        int count = Math.min(members.length, nonMembers.length);
        if (maxPerSide > 0) {
            count = Math.min(count, maxPerSide);
        }
        Random random = new Random(seed);
        double[] memberSample = sample(members, count, random);
        double[] nonMemberSample = sample(nonMembers, count, random);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("membership inference: members vs non-members", factory), factory);
        for (double value : memberSample) {
            data.add(example(MEMBER, value));
        }
        for (double value : nonMemberSample) {
            data.add(example(NON_MEMBER, value));
        }
        SVMParameters<Label> parameters = new SVMParameters<>(
                new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.RBF);
        parameters.setCost(COST);
        parameters.setGamma(GAMMA);
        LibSVMModel<Label> model = new LibSVMClassificationTrainer(parameters, seed).train(data);
        boolean[] member = new boolean[targets.length];
        int nonMemberCount = 0;
        List<Example<Label>> examples = new ArrayList<>(targets.length);
        for (double value : targets) {
            examples.add(example(MEMBER, value));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        for (int i = 0; i < targets.length; i++) {
            member[i] = predictions.get(i).getOutput().getLabel().equals(MEMBER.getLabel());
            nonMemberCount += member[i] ? 0 : 1;
        }
        double efficacy = targets.length == 0 ? Double.NaN : (double) nonMemberCount / targets.length;
        return new Result(efficacy, count, count, targets, member);
    }

    /** The attack's one feature: each chosen image's probability of its true label. */
    public static double[] trueLabelProbability(float[][] probabilities, ImageDataset split,
                                                int[] images) {
        double[] feature = new double[images.length];
        for (int k = 0; k < images.length; k++) {
            feature[k] = probabilities[images[k]][split.label(images[k])];
        }
        return feature;
    }

    /**
     * One feature per example. LIBSVM's sparse format drops zero values, and Tribuo refuses an
     * example without features, so a probability that underflowed to exactly 0 is stored as the
     * smallest positive double: the RBF kernel cannot tell the two apart.
     */
    private static Example<Label> example(Label label, double value) {
        return new ArrayExample<>(label, new String[] {FEATURE}, new double[] {value == 0 ? Double.MIN_VALUE : value});
    }

    private static double[] sample(double[] values, int count, Random random) {
        if (count >= values.length) {
            return values.clone();
        }
        int[] order = java.util.stream.IntStream.range(0, values.length).toArray();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(values.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return Arrays.stream(order, 0, count).mapToDouble(i -> values[i]).toArray();
    }
}
