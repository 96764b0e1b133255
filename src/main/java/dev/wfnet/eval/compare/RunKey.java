package dev.wfnet.eval.compare;

/**
 * One run of a comparison: a method forgetting a class with a seed.
 *
 * @param method the method
 * @param forgetClass the forgotten class
 * @param seed the seed of the method's randomness, the attacker's sample and ZRF's random model
 */
public record RunKey(Method method, int forgetClass, long seed) {
}
