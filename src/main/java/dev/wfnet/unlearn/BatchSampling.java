package dev.wfnet.unlearn;

/**
 * How a step's batch is drawn (docs/method.md, "Label expansion").
 * <ul>
 *   <li>{@link #PAPER}: B/2 forget samples of any bank class, B/2 retain samples each paired T times
 *       with a random other row; a row's share of the batch varies from step to step.</li>
 *   <li>{@link #STRATIFIED} <em>(ours)</em>: every row still training gets the same number of forget
 *       samples (B/2 over the rows) and retain samples (T B/2 over the rows), some of its sets pair it
 *       with a second row (composition), and a row that has met its targets drops out of the batch.</li>
 * </ul>
 */
public enum BatchSampling {
    PAPER, STRATIFIED
}
