package dev.wfnet.app.modeldata;

/**
 * One row of the architecture table.
 *
 * @param name the parameter's dotted name
 * @param type its role ("weight", "norm_weight")
 * @param shape its dimensions as text ("64 x 32 x 3 x 3")
 * @param parameters how many values it holds
 * @param filtered whether the bank (or, without a bank, the default selection) filters it
 */
public record ParameterRow(String name, String type, String shape, long parameters, boolean filtered) {
}
