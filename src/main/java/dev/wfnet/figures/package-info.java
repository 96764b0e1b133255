/**
 * Figures without a window: JFreeChart builders for heatmaps, bar charts and line charts in one
 * readable, colour-blind-safe style, figure builders for the alpha analytics of {@code explain},
 * and export to PNG (at a scale, for print), SVG and PDF through atomic writes. JFreeChart and
 * Java2D only: no JavaFX here (an architecture test holds this), so the command line can draw the
 * same figures the window shows.
 */
package dev.wfnet.figures;
