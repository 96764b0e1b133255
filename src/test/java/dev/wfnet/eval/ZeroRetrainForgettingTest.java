package dev.wfnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZeroRetrainForgettingTest {

    @Test
    void identicalDistributionsScoreOne() {
        float[][] p = {{0.7f, 0.2f, 0.1f}, {0f, 1f, 0f}, {0.25f, 0.25f, 0.5f}};
        assertEquals(1.0, ZeroRetrainForgetting.score(p, p), 1e-12);
    }

    @Test
    void disjointDistributionsDivergeByLnTwo() {
        // no common support: m = p / 2 where p > 0, so KL(p || m) = ln 2 for each side
        float[][] p = {{1f, 0f}};
        float[][] q = {{0f, 1f}};
        assertEquals(Math.log(2), ZeroRetrainForgetting.jensenShannon(p[0], q[0]), 1e-12);
        assertEquals(1 - Math.log(2), ZeroRetrainForgetting.score(p, q), 1e-12);
    }

    @Test
    void aHandComputedPairMatches() {
        // p = (0.5, 0.5), q = (0.9, 0.1), m = (0.7, 0.3):
        // KL(p||m) = 0.5 ln(0.5/0.7) + 0.5 ln(0.5/0.3) = 0.5 (-0.3364722366) + 0.5 (0.5108256238) = 0.0871766936
        // KL(q||m) = 0.9 ln(0.9/0.7) + 0.1 ln(0.1/0.3) = 0.9 (0.2513144283) + 0.1 (-1.0986122887) = 0.1163217566
        // JS = (0.0871766936 + 0.1163217566) / 2 = 0.1017492251
        float[] p = {0.5f, 0.5f};
        float[] q = {0.9f, 0.1f};
        assertEquals(0.1017492251, ZeroRetrainForgetting.jensenShannon(p, q), 1e-7);
        // the score averages JS over images: this pair and an identical pair
        assertEquals(1 - 0.1017492251 / 2, ZeroRetrainForgetting.score(new float[][] {p, p}, new float[][] {q, p}),
                1e-7);
    }

    @Test
    void theDivergenceIsSymmetric() {
        float[] p = {0.6f, 0.3f, 0.1f};
        float[] q = {0.2f, 0.2f, 0.6f};
        assertEquals(ZeroRetrainForgetting.jensenShannon(p, q), ZeroRetrainForgetting.jensenShannon(q, p), 1e-15);
    }
}
