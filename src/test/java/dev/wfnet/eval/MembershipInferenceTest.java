package dev.wfnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The attacker on hand-made features: members answer with near-certain true-label probabilities,
 * non-members with anything from 0.2 to 0.9. Targets that look like members must be called members
 * (efficacy 0), targets that look like non-members non-members (efficacy 1).
 */
class MembershipInferenceTest {
    private static final Random RANDOM = new Random(3);
    private static final double[] MEMBERS = uniform(400, 0.97, 1.0);
    private static final double[] NON_MEMBERS = uniform(300, 0.2, 0.9);

    @Test
    void imagesAnsweredLikeTrainingImagesAreCalledMembers() {
        MembershipInference.Result result = MembershipInference.attack(MEMBERS, NON_MEMBERS, uniform(50, 0.98, 1.0),
                0, 1);
        assertEquals(0.0, result.efficacy(), 1e-12);
        assertEquals(300, result.members(), "members are subsampled to the non-members' count");
        assertEquals(300, result.nonMembers());
    }

    @Test
    void imagesAnsweredLikeUnseenImagesAreCalledNonMembers() {
        MembershipInference.Result result = MembershipInference.attack(MEMBERS, NON_MEMBERS, uniform(50, 0.25, 0.85),
                0, 1);
        assertEquals(1.0, result.efficacy(), 1e-12);
    }

    @Test
    void theEfficacyIsTheShareCalledNonMember() {
        double[] targets = {0.99, 0.995, 0.5, 0.3};
        MembershipInference.Result result = MembershipInference.attack(MEMBERS, NON_MEMBERS, targets, 0, 1);
        assertArrayEquals(new boolean[] {true, true, false, false}, result.targetMember());
        assertEquals(0.5, result.efficacy(), 1e-12);
        assertArrayEquals(targets, result.targetConfidence());
    }

    @Test
    void aProbabilityThatUnderflowedToZeroIsStillAFeature() {
        MembershipInference.Result result = MembershipInference.attack(MEMBERS, NON_MEMBERS, new double[] {0.0}, 0, 1);
        assertEquals(1.0, result.efficacy(), 1e-12);
    }

    @Test
    void bothSidesAreCutToTheCapWhenOneIsGiven() {
        MembershipInference.Result result = MembershipInference.attack(MEMBERS, NON_MEMBERS, new double[] {0.5}, 120,
                1);
        assertEquals(120, result.members());
        assertEquals(120, result.nonMembers());
    }

    private static double[] uniform(int count, double lower, double upper) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = lower + (upper - lower) * RANDOM.nextDouble();
        }
        return values;
    }
}
